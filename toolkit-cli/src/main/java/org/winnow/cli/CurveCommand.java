package org.winnow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winnow.datasets.OutputLock;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.plot.CurvePoint;
import org.winnow.train.curve.CurveMethods;
import org.winnow.train.curve.CurveOptions;
import org.winnow.train.curve.RedundancyCurve;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow curve}: redundancy curves, test accuracy against subset size. */
@Command(
    name = "curve",
    mixinStandardHelpOptions = true,
    description = {
      "Reproduces the redundancy curves of 'The 10%% You Don't Need': for each method, fraction"
          + " and trial, trains a network from scratch on that subset of the train split and"
          + " measures its test accuracy. Writes runs.csv (one row per run), curve.csv (mean and"
          + " std per method and fraction), curve.png/curve.svg, manifest.json and winnow.log to"
          + " --out. Rerunning the same command after an interruption skips the finished runs.",
      "",
      "Methods: every selection method of 'winnow prune' chooses subsets from the --embeddings"
          + " with its default options (a seeded one, such as random, draws with the trial's"
          + " seed); the per-batch selectors of 'winnow train' (standard, saln, ...) train on the"
          + " full set and choose per batch (fraction 1 only). A name that is both, saln, is the"
          + " per-batch selector here. Fraction 1 is trained once per trial and shared by the"
          + " subset methods and standard.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow curve --embeddings emb.h5 --fractions 1.0,0.9,0.8,0.7 --methods semantic,random \\",
      "      --trials 3 --epochs 15 --out curve",
      "  winnow curve --data ~/cifar-10-batches-bin --embeddings c10.h5 --arch resnet18 \\",
      "      --fractions 1.0,0.95,0.9,0.85,0.8,0.7,0.6 --methods semantic,random --trials 3 --out c10",
      "  winnow curve --embeddings emb.h5 --fractions 1.0 --methods standard,saln,random-batch \\",
      "      --filter-ratio 0.5 --trials 2 --out saln      SALN comparison: accuracy and wall time"
    })
final class CurveCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin TrainingMixin training;

  @Option(
      names = "--embeddings",
      required = true,
      paramLabel = "FILE",
      description =
          "Reference embeddings of the train split (winnow embed's HDF5, or NumPy .npy/.npz"
              + " whose ids are the train split's sample ids) for the subsets.")
  Path embeddings;

  @Option(
      names = "--fractions",
      required = true,
      split = ",",
      paramLabel = "F",
      description = "Keep fractions in (0, 1], comma-separated; 1 is the full set.")
  List<Double> fractions;

  @Option(
      names = "--methods",
      defaultValue = "semantic,random",
      split = ",",
      paramLabel = "M",
      completionCandidates = CurveMethodNames.class,
      description = "${COMPLETION-CANDIDATES}; comma-separated. Default: ${DEFAULT-VALUE}.")
  List<String> methods;

  @Option(
      names = "--trials",
      defaultValue = "3",
      paramLabel = "N",
      description = "Trials per method and fraction. Default: ${DEFAULT-VALUE}.")
  int trials;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of trial 1; trial t uses S + t - 1. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The curve folder.")
  Path out;

  @Mixin LogMixin logging;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    CurveOptions options;
    org.winnow.train.curve.CurveTrainer trainer;
    try {
      trainer = training.trainer(data.path(), data.openOptions(), Optional.of(embeddings));
      options =
          new CurveOptions(
              data.path(),
              data.openOptions(),
              embeddings,
              fractions,
              methods,
              trials,
              seed,
              out,
              Winnow.version());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // Refused or claimed before the log is opened there (see RunCommand).
    RedundancyCurve.checkOutput(options);
    try (OutputLock claim = OutputLock.acquire(out);
        RunLog log = logging.open(out)) {
      return log.guard(
          () -> {
            RedundancyCurve.Result r =
                RedundancyCurve.run(options, trainer, log.progress(), log.notes());
            print(r);
            return 0;
          });
    }
  }

  private void print(RedundancyCurve.Result r) {
    var o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%-14s %8s %8s %9s %8s %3s%n",
        "method",
        "fraction",
        "n_train",
        "accuracy",
        "std",
        "n");
    for (CurvePoint p : r.points()) {
      o.printf(
          Locale.ROOT,
          "%-14s %8s %,8d %9.4f %8.4f %3d%n",
          p.method(),
          KeepFractions.format(p.fraction()),
          p.nTrain(),
          p.mean(),
          p.std(),
          p.n());
    }
    o.printf(
        Locale.ROOT,
        "Trained  %d of %d runs (the others were finished earlier)%n",
        r.trained(),
        r.runs().size());
    o.printf(Locale.ROOT, "Wrote    %s%n", r.curveCsv());
    o.flush();
  }

  /** The names {@code --methods} accepts, for {@code ${COMPLETION-CANDIDATES}}. */
  static final class CurveMethodNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;

    CurveMethodNames() {
      super(CurveMethods.names());
    }
  }
}
