package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Embedder;
import org.winnow.prune.active.Acquisition;
import org.winnow.prune.active.ActiveNext;
import org.winnow.prune.active.IndexKind;
import org.winnow.prune.active.ModelFactory;
import org.winnow.prune.active.OptionException;
import org.winnow.prune.active.PoolMode;
import org.winnow.prune.active.Strategy;
import org.winnow.train.active.NetworkProbabilities;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow active next}: the samples to label next ({@link ActiveNext}). */
@Command(
    name = "next",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a classifier on the labelled samples, scores the unlabelled ones and writes the"
          + " --budget most informative to DIR/to-label.csv (id, score, rank, and path for folder"
          + " datasets), best first, with manifest.json.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow active next --embeddings pool.h5 --labelled labelled.csv --budget 100 \\",
      "      --strategy maxent --out batch-1",
      "  winnow active next --embeddings pool.h5 --labelled labelled.csv --budget 100 \\",
      "      --strategy id --beta 1 --pool seals --seals-k 100 --out batch-1"
    })
final class ActiveNextCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      paramLabel = "FILE",
      description = "The pool's embeddings (HDF5 from winnow embed, NumPy .npy or .npz).")
  Path embeddings;

  @Option(
      names = "--labelled",
      required = true,
      paramLabel = "CSV",
      description =
          "The samples labelled so far: columns id,label (a class number or name of the"
              + " embeddings file); a keep.csv serves.")
  Path labelled;

  @Option(
      names = "--budget",
      required = true,
      paramLabel = "B",
      description = "How many samples to label next.")
  int budget;

  @Option(
      names = "--strategy",
      defaultValue = "maxent",
      paramLabel = "S",
      description = "maxent, id, margin or random (default: ${DEFAULT-VALUE}).")
  String strategy;

  @Mixin AcquisitionOptions acquisition;

  @Option(
      names = "--pool",
      defaultValue = "all",
      paramLabel = "P",
      description =
          "all (score every unlabelled sample) or seals (only the nearest neighbours of the"
              + " labelled ones; default: ${DEFAULT-VALUE}).")
  String pool;

  @Option(
      names = "--model",
      defaultValue = "linear",
      paramLabel = "M",
      description =
          "linear: a softmax head trained on the labelled embeddings (default: ${DEFAULT-VALUE});"
              + " or a winnow train run folder (RUN_DIR) or checkpoint, whose probabilities for"
              + " the candidates' images (in the dataset the embeddings record) are scored.")
  String model;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "Where a --model network runs: auto (GPU when DJL sees one), cpu or gpu.")
  DeviceChoice device;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of random acquisition and of the LSH index (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin OutputFolderOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private ModelFactory modelFactory() {
    return model.equals("linear") ? ModelFactory.LINEAR : new NetworkProbabilities(model, device);
  }

  @Override
  public Integer call() throws IOException {
    ActiveNext.Request request =
        ActiveCommand.option(
            spec,
            () -> {
              return new ActiveNext.Request(
                  embeddings,
                  labelled,
                  new Acquisition.Settings(
                      Strategy.parse(strategy), acquisition.beta, budget, seed),
                  PoolMode.parse(pool),
                  acquisition.sealsK,
                  IndexKind.parse(acquisition.index),
                  modelFactory(),
                  output.out,
                  output.overwrite,
                  Winnow.version());
            });
    if (!model.equals("linear")) {
      // a missing run folder is refused before the pool is read
      Embedder.checkModel(model);
    }
    ActiveNext.Report report;
    try {
      report = ActiveNext.run(request);
    } catch (OptionException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "%,d samples to label -> %s%n", report.chosen(), report.toLabel());
    o.flush();
    spec.commandLine()
        .getErr()
        .printf(
            Locale.ROOT,
            "scored %,d of %,d unlabelled samples in %.3f s%n",
            report.candidatesScored(),
            report.unlabelled(),
            report.selectSeconds());
    spec.commandLine().getErr().flush();
    return 0;
  }
}
