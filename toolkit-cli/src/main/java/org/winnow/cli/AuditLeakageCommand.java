package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Inference;
import org.winnow.pipeline.LeakageJob;
import org.winnow.prune.audit.LeakageAudit;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow audit leakage}: held-out samples with a train twin ({@link LeakageJob}). */
@Command(
    name = "leakage",
    mixinStandardHelpOptions = true,
    description = {
      "Finds, for every test (and validation) sample, its nearest train sample by cosine on"
          + " penultimate embeddings (exact search), and lists the pairs at or above --threshold"
          + " in DIR/leakage.csv (test_id, train_id, cosine, same_label, split; test_path and"
          + " train_path for folder datasets), with summary.json (per split and class), report.html"
          + " (each test image beside its train twin) and manifest.json.",
      ""
    },
    footer = {
      "",
      "The default threshold, "
          + LeakageAudit.DEFAULT_THRESHOLD
          + ", comes from measured nearest-train cosines of a ResNet-20's embeddings on"
          + " Fashion-MNIST (README, BENCHMARKS.md); another model spreads its cosines"
          + " differently: choose from summary.json's distribution and check report.html's pairs.",
      "",
      "Exit codes: 0 done, 1 failure, 2 usage error, 3 more twins than --fail-above (the audit"
          + " is written all the same).",
      "",
      "Examples:",
      "  winnow audit leakage --data ~/fashion-mnist --model runs/r20 --out leak",
      "  winnow audit leakage --embeddings train.h5 --test-embeddings test.h5 --out leak \\",
      "      --threshold 0.98 --fail-above 0"
    })
final class AuditLeakageCommand implements Callable<Integer> {

  /** The exit code when the audit finds more twins than {@code --fail-above} allows. */
  static final int GATE_FAILED = 3;

  @Mixin DataOptions data;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Where the embeddings come from: a model, or two files. */
  static final class Source {
    @Option(
        names = "--model",
        required = true,
        paramLabel = "SPEC",
        description =
            "Embed train and held-out samples of --data with this model, as winnow embed"
                + " --model takes it (a winnow train run folder or checkpoint, ...).")
    String model;

    @ArgGroup(exclusive = false)
    EmbeddingFiles files;
  }

  /** Two embeddings files. */
  static final class EmbeddingFiles {
    @Option(
        names = "--embeddings",
        required = true,
        paramLabel = "TRAIN.h5",
        description = "The train samples' embeddings (HDF5 from winnow embed, .npy or .npz).")
    Path train;

    @Option(
        names = "--test-embeddings",
        required = true,
        paramLabel = "TEST.h5",
        description = "The held-out samples' embeddings, from the same model.")
    Path test;
  }

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description = "Cosine at or above which a pair is a twin. Default: ${DEFAULT-VALUE}.",
      defaultValue = "" + LeakageAudit.DEFAULT_THRESHOLD)
  double threshold;

  @Option(
      names = "--fail-above",
      paramLabel = "N",
      description = "Exit with code 3 when more than N held-out samples have a train twin.")
  Integer failAbove;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "Where --model runs: auto (GPU when DJL sees one), cpu or gpu.")
  DeviceChoice device;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      paramLabel = "N",
      description = "Images per forward pass of --model. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--image-size",
      paramLabel = "S",
      description = "Resize images to SxS for --model. Default: as winnow embed.")
  Integer imageSize;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random initialisation of --model resnetNN. Default: 0.")
  int seed;

  @Option(
      names = "--workers",
      defaultValue = "2",
      paramLabel = "N",
      description = "Threads decoding images ahead of --model. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Mixin OutputFolderOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    LeakageJob.Request request =
        ActiveCommand.option(
            spec,
            () -> {
              if (failAbove != null && failAbove < 0) {
                throw new IllegalArgumentException(
                    "--fail-above must be at least 0, not " + failAbove);
              }
              boolean model = source.model != null;
              return new LeakageJob.Request(
                  model || !data.isBundledSample() ? Optional.of(data.path()) : Optional.empty(),
                  data.openOptions(),
                  model
                      ? Optional.of(
                          new Inference.Options(
                              source.model,
                              device,
                              imageSize == null ? OptionalInt.empty() : OptionalInt.of(imageSize),
                              seed,
                              batchSize,
                              workers))
                      : Optional.empty(),
                  model ? Optional.empty() : Optional.of(source.files.train),
                  model ? Optional.empty() : Optional.of(source.files.test),
                  threshold,
                  output.out,
                  output.overwrite,
                  Winnow.version());
            });
    PrintWriter err = spec.commandLine().getErr();
    LeakageJob.Result r = LeakageJob.run(request, ConsoleProgress.forStderr(err));
    int heldOut = r.leakage().splits().stream().mapToInt(s -> s.samples().size()).sum();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%,d of %,d held-out samples have a train twin (cosine >= %s) -> %s%n",
        r.twins(),
        heldOut,
        threshold,
        r.leakageCsv());
    o.flush();
    if (failAbove != null && r.twins() > failAbove) {
      err.printf(
          Locale.ROOT,
          "winnow: leakage: %,d twins, more than --fail-above %d (see %s)%n",
          r.twins(),
          failAbove,
          r.leakageCsv());
      err.flush();
      return GATE_FAILED;
    }
    return 0;
  }
}
