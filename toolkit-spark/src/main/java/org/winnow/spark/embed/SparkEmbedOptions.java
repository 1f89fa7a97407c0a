package org.winnow.spark.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.winnow.datasets.Split;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Inference;

/**
 * What {@code WinnowSpark embed} is asked to do; the model options are {@code winnow embed}'s.
 *
 * @param manifest a CSV or Parquet manifest of images, or empty when {@code data} is given
 * @param data an ImageNet-style folder, or empty when {@code manifest} is given
 * @param out the output folder
 * @param split the split of a folder to embed; empty for all (a manifest's rows are all embedded)
 * @param inference the model, device, image size, seed, batch size and decoding threads
 * @param partSize rows per part (one task, one Parquet file), rounded up to whole batches
 * @param overwrite replace a finished output, or the parts of another run
 */
record SparkEmbedOptions(
    Optional<Path> manifest,
    Optional<Path> data,
    Path out,
    Optional<Split> split,
    Inference.Options inference,
    int partSize,
    boolean overwrite) {

  /** Default rows per part: {@code winnow embed}'s shard size. */
  static final int DEFAULT_PART_SIZE = EmbedOptions.DEFAULT_SHARD_SIZE;

  /** The usage text. */
  static final String USAGE =
      """
      Usage: WinnowSpark embed (--manifest FILE | --data DIR) --model SPEC --out DIR
                               [--split train|val|test|all] [--batch-size 64] [--part-size 4096]
                               [--device auto|cpu|gpu] [--image-size S] [--seed 0] [--workers 2]
                               [--overwrite]
        --manifest FILE  CSV (with a header) or Parquet of path,label[,class_name][,id]; relative
                         paths are read from the manifest's folder; id defaults to the path
                         relative to that folder, the id winnow embed gives a folder
        --data DIR       class folders, IDX or CIFAR (as winnow embed --data reads them)
        --out DIR        writes DIR/embeddings/part-NNNNN.parquet (id, label, class_name,
                         embedding array<float>) and DIR/manifest.json; a rerun embeds missing
                         parts only
      """;

  /** Validates the fields. */
  SparkEmbedOptions {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(inference, "inference");
    if (manifest.isPresent() == data.isPresent()) {
      throw new IllegalArgumentException("give exactly one of --manifest FILE and --data DIR");
    }
    if (partSize < 1) {
      throw new IllegalArgumentException("--part-size must be at least 1, not " + partSize);
    }
  }

  /** {@link #partSize} rounded up to whole batches, so that parts form the batches of one run. */
  int effectivePartSize() {
    int batch = inference.batchSize();
    return Math.ceilDiv(partSize, batch) * batch;
  }

  /** The split as recorded: {@code train}, {@code val}, {@code test} or {@code all}. */
  String splitId() {
    return split.map(Split::id).orElse("all");
  }

  /**
   * Parses the arguments after {@code embed}.
   *
   * @return empty for {@code --help}
   * @throws IllegalArgumentException with one line for an unknown option, a missing or bad value
   */
  static Optional<SparkEmbedOptions> parse(String[] args) {
    Map<String, String> given = new LinkedHashMap<>();
    List<String> flags = List.of("--overwrite", "--help", "-h");
    List<String> valued =
        List.of(
            "--manifest",
            "--data",
            "--model",
            "--out",
            "--split",
            "--batch-size",
            "--part-size",
            "--device",
            "--image-size",
            "--seed",
            "--workers");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (flags.contains(a)) {
        given.put(a, "true");
      } else if (valued.contains(name)) {
        String value;
        if (a.contains("=")) {
          value = a.substring(a.indexOf('=') + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        if (given.put(name, value) != null) {
          throw new IllegalArgumentException(name + " is given twice");
        }
      } else {
        throw new IllegalArgumentException("unknown option or argument '" + a + "'");
      }
    }
    if (given.containsKey("--help") || given.containsKey("-h")) {
      return Optional.empty();
    }
    List<String> missing = new ArrayList<>();
    for (String required : List.of("--model", "--out")) {
      if (!given.containsKey(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("missing " + String.join(" and ", missing));
    }
    Inference.Options d = Inference.Options.defaults(given.get("--model"));
    Inference.Options inference =
        new Inference.Options(
            d.model(),
            device(given.getOrDefault("--device", d.device().id())),
            given.containsKey("--image-size")
                ? OptionalInt.of(number(given, "--image-size", 0))
                : OptionalInt.empty(),
            number(given, "--seed", d.seed()),
            number(given, "--batch-size", d.batchSize()),
            number(given, "--workers", d.workers()));
    return Optional.of(
        new SparkEmbedOptions(
            Optional.ofNullable(given.get("--manifest")).map(Path::of),
            Optional.ofNullable(given.get("--data")).map(Path::of),
            Path.of(given.get("--out")),
            split(given.getOrDefault("--split", "train")),
            inference,
            number(given, "--part-size", DEFAULT_PART_SIZE),
            given.containsKey("--overwrite")));
  }

  private static int number(Map<String, String> given, String name, int otherwise) {
    String v = given.get(name);
    if (v == null) {
      return otherwise;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": '" + v + "' is not a whole number");
    }
  }

  private static DeviceChoice device(String v) {
    for (DeviceChoice d : DeviceChoice.values()) {
      if (d.id().equals(v.toLowerCase(Locale.ROOT))) {
        return d;
      }
    }
    throw new IllegalArgumentException("--device: '" + v + "' (expected auto, cpu or gpu)");
  }

  /** A split id, or {@code all} for every split (empty). */
  private static Optional<Split> split(String v) {
    String id = v.toLowerCase(Locale.ROOT);
    Optional<Split> split = Stream.of(Split.values()).filter(s -> s.id().equals(id)).findFirst();
    if (split.isEmpty() && !id.equals("all")) {
      throw new IllegalArgumentException("--split: '" + v + "' (expected train, val, test or all)");
    }
    return split;
  }
}
