package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winnow.embed.DeviceChoice;
import org.winnow.pipeline.AdviseJob;
import org.winnow.prune.advise.Advice;
import org.winnow.prune.advise.AdviceFile;
import org.winnow.prune.advise.Recommendation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow advise}: a recommended keep fraction from linear-probe curves ({@link Advice}). */
@Command(
    name = "advise",
    mixinStandardHelpOptions = true,
    description = {
      "Estimates how much of a training set can go, in seconds instead of the hours a retrained"
          + " curve takes: a linear softmax probe on the frozen embeddings is trained on the"
          + " semantic and the random subset at each fraction, over several trials, and the"
          + " smallest fraction is recommended from which on the probe's accuracy stays within"
          + " --tolerance of the full set's overall and within --class-tolerance for every class."
          + " Writes advice.json (the answer, the rule, every point with its per-class accuracy),"
          + " probe.png/probe.svg and advice.html (the report section, with the winnow curve"
          + " result beside it when --curve is given); winnow report --advise DIR shows it as a"
          + " section of the pruning report.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow advise --embeddings train.h5 --data ~/fashion-mnist --out advice",
      "      the dataset's test split, embedded by the model train.h5 records",
      "  winnow advise --embeddings train.h5 --test-embeddings test.h5 --out advice",
      "  winnow advise --embeddings train.h5 --out advice        holds out 20% of each class",
      "  winnow advise --embeddings train.h5 --test-embeddings test.h5 --curve curve --out advice"
    })
final class AdviseCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      paramLabel = "FILE",
      description =
          "Embeddings of the training split (winnow embed's HDF5, or NumPy .npy/.npz; --data"
              + " needs winnow embed's, which records the model).")
  Path embeddings;

  @Option(
      names = "--test-embeddings",
      paramLabel = "FILE",
      description =
          "Embeddings of the test split by the same model (winnow embed --split test --model"
              + " ...). Without it or --data, --holdout of each class of --embeddings is the test"
              + " set, a new draw per trial.")
  Path testEmbeddings;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The dataset --embeddings was computed from: its test split (else its validation split)"
              + " is the test set, embedded here by the model, image size, seed and batch size"
              + " that --embeddings' manifest records (as winnow embed --split test would). Instead"
              + " of --test-embeddings; refused when its index hash is not the one --embeddings"
              + " records.")
  Path data;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "Where the model runs for --data: auto (GPU when DJL sees one), cpu or gpu.")
  DeviceChoice device;

  @Option(
      names = "--holdout",
      defaultValue = "0.2",
      paramLabel = "H",
      description =
          "Share of each class held out without --test-embeddings or --data (default: 0.2).")
  double holdout;

  @Option(
      names = "--fractions",
      split = ",",
      defaultValue = "1,0.9,0.8,0.7,0.6,0.5,0.4,0.3,0.2,0.1",
      paramLabel = "F",
      description = "Fractions to probe, comma-separated; 1 is always added (default: 1 to 0.1).")
  List<Double> fractions;

  @Option(
      names = "--trials",
      defaultValue = "5",
      paramLabel = "N",
      description = "Trials: random subsets (and held-out draws) per fraction (default: 5).")
  int trials;

  @Option(
      names = "--tolerance",
      defaultValue = "0.01",
      paramLabel = "T",
      description =
          "Overall accuracy the recommendation may lose, as a fraction (default: 0.01, 1 point).")
  double tolerance;

  @Option(
      names = "--class-tolerance",
      defaultValue = "0.03",
      paramLabel = "T",
      description =
          "Accuracy each class may lose (default: 0.03; a class's test set is a tenth of the whole"
              + " for 10 classes, so its accuracy is about 3 times noisier).")
  double classTolerance;

  @Option(
      names = "--curve",
      paramLabel = "DIR",
      description = "A winnow curve output folder (its curve.csv) to compare with in the report.")
  Path curve;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of the random subsets and held-out draws (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin OutputFolderOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    AdviseJob.Request request;
    try {
      request =
          new AdviseJob.Request(
              new Advice.Request(
                  embeddings,
                  Optional.ofNullable(testEmbeddings),
                  holdout,
                  fractions,
                  trials,
                  tolerance,
                  classTolerance,
                  Optional.ofNullable(curve),
                  seed,
                  output.out,
                  output.overwrite,
                  Winnow.version()),
              Optional.ofNullable(data),
              device);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    long start = System.nanoTime();
    Advice.Report report =
        AdviseJob.run(request, ConsoleProgress.forStderr(spec.commandLine().getErr()));
    PrintWriter o = spec.commandLine().getOut();
    o.println(report.text());
    for (Recommendation r : report.methods()) {
      o.printf(
          Locale.ROOT,
          "  %-8s %s (%.2f %% ± %.2f; full %.2f %%)%n",
          r.method(),
          r.fraction(),
          100 * r.at(),
          100 * r.std(),
          100 * r.full());
    }
    o.println("-> " + report.out().resolve(AdviceFile.JSON));
    o.flush();
    spec.commandLine()
        .getErr()
        .printf(Locale.ROOT, "took %.1f s%n", (System.nanoTime() - start) / 1e9)
        .flush();
    return 0;
  }
}
