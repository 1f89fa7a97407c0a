package org.winnow.pipeline;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Embedder;
import org.winnow.embed.Inference;
import org.winnow.prune.advise.Advice;

/**
 * {@code winnow advise} as a job. With {@code --data D} the probe's test set is D's own held-out
 * split (test, else validation), embedded in memory by the model, image size, seed and batch size
 * that the training embeddings' manifest records, as {@code winnow embed --split test} with those
 * options would have written it; D must be the dataset the training embeddings were computed from
 * (same index hash). Without {@code --data} it is {@link Advice#run} as requested.
 */
public final class AdviseJob {

  private AdviseJob() {}

  /**
   * What to run.
   *
   * @param advice the advice request; its {@code testEmbeddings} must be empty when {@code data} is
   *     given
   * @param data the dataset whose held-out split is the test set, if any
   * @param device where the recorded model runs over that split
   */
  public record Request(Advice.Request advice, Optional<Path> data, DeviceChoice device) {

    /** Refuses a dataset together with a test embeddings file. */
    public Request {
      Objects.requireNonNull(advice, "advice");
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(device, "device");
      if (data.isPresent() && advice.testEmbeddings().isPresent()) {
        throw new IllegalArgumentException(
            "--data and --test-embeddings both give the test set; pass one");
      }
    }
  }

  /**
   * Runs the job.
   *
   * @throws DatasetException with one line when the training embeddings record no model or another
   *     dataset, the dataset has no held-out split, the model has changed, or an input cannot be
   *     read
   * @throws IllegalArgumentException when the output exists without {@code overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Advice.Report run(Request r, Progress progress) throws IOException {
    if (r.data().isEmpty()) {
      return Advice.run(r.advice(), progress);
    }
    Path data = r.data().get();
    Path file = r.advice().embeddings();
    Advice.checkOutput(r.advice(), List.of(data));
    Map<String, String> attributes = EmbeddingSource.of(file).attributes();
    Manifest embedded = recordedManifest(file, attributes);
    Inference.Options o = inference(file, embedded, r.device());
    Embedder.checkModel(o.model());
    checkModelUnchanged(file, embedded, o.model());
    ImageDataset ds = Datasets.open(data, OpenOptions.defaults(), progress);
    String index = IndexHash.of(ds);
    String recorded = attributes.getOrDefault(EmbeddingsHeader.INDEX_SHA256, "");
    if (!recorded.equals(index)) {
      throw new DatasetException(
          data
              + ": is not the dataset "
              + file
              + " was embedded from (its index hash differs; the file records "
              + attributes.getOrDefault(EmbeddingsHeader.DATASET_PATH, "no dataset")
              + "); pass that dataset, or --test-embeddings");
    }
    Split heldOut =
        List.of(Split.TEST, Split.VAL).stream()
            .filter(s -> !ds.samples(s).isEmpty())
            .findFirst()
            .orElseThrow(
                () ->
                    new DatasetException(
                        data
                            + ": has no test or validation split to measure the probe on; leave"
                            + " --data out to hold out --holdout of each class instead"));
    EmbeddingSet test = SplitEmbeddings.of(ds, List.of(heldOut), o, progress).get(heldOut);
    Advice.TestSet set =
        new Advice.TestSet(
            test,
            String.format(
                java.util.Locale.ROOT,
                "the %s split of %s (%,d samples), embedded by %s as %s records",
                heldOut.id(),
                ds.root().toAbsolutePath().normalize(),
                test.size(),
                o.model(),
                file.toAbsolutePath().normalize()),
            List.of(MainJob.datasetInput(ds), MainJob.modelInput(o.model())),
            List.of(data));
    return Advice.run(r.advice(), Optional.of(set), progress);
  }

  /** The manifest {@code winnow embed} wrote into the file. */
  private static Manifest recordedManifest(Path file, Map<String, String> attributes) {
    String json = attributes.get(EmbeddingsHeader.MANIFEST);
    if (json == null || json.isBlank()) {
      throw new DatasetException(
          file
              + ": records no model (not written by winnow embed), so --data cannot embed its"
              + " test split alike; pass --test-embeddings");
    }
    try {
      return Manifest.fromJsonObject(JsonParser.parseString(json).getAsJsonObject());
    } catch (RuntimeException e) {
      throw new DatasetException(file + ": its manifest cannot be read (" + e.getMessage() + ")");
    }
  }

  /** The inference options of the recorded embedding run, on {@code device}. */
  private static Inference.Options inference(Path file, Manifest m, DeviceChoice device) {
    Map<String, String> options = m.options();
    String model = options.get("model");
    if (model == null || model.isBlank()) {
      throw new DatasetException(
          file + ": its manifest records no model; pass --test-embeddings instead of --data");
    }
    try {
      String size = options.getOrDefault("image_size", "auto");
      return new Inference.Options(
          model,
          device,
          size.equals("auto") ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(size)),
          (int) m.seed().orElse(0),
          Integer.parseInt(options.getOrDefault("batch_size", "64")),
          Integer.parseInt(options.getOrDefault("workers", "2")));
    } catch (IllegalArgumentException e) {
      throw new DatasetException(
          file + ": its manifest's embedding options cannot be used (" + e.getMessage() + ")");
    }
  }

  /**
   * Refuses a model file whose content changed since the training embeddings were written (the same
   * file as recorded, another SHA-256).
   */
  private static void checkModelUnchanged(Path file, Manifest m, String spec) throws IOException {
    Manifest.Input now = MainJob.modelInput(spec);
    for (Manifest.Input then : m.inputs()) {
      if (then.role().startsWith("model")
          && then.path().equals(now.path())
          && !now.sha256().isEmpty()
          && !then.sha256().equals(now.sha256())) {
        throw new DatasetException(
            file
                + ": was embedded by "
                + spec
                + ", which has changed since (its SHA-256 differs); embed the training split again"
                + " or pass --test-embeddings");
      }
    }
  }
}
