package org.winnow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.winnow.datasets.OutputLock;
import org.winnow.pipeline.Demo;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.RandomSelector;
import org.winnow.prune.SemanticSelector;
import org.winnow.prune.plot.CurveNoise;
import org.winnow.prune.plot.CurvePoint;
import org.winnow.train.curve.CurveOptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow demo}: the main job and a small curve on the bundled sample. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Shows Winnow end to end on the bundled Fashion-MNIST sample (2,000 training and 500 test"
          + " images): 'winnow run --keep 0.9' into OUT/run (reference ResNet-20, embeddings,"
          + " semantic pruning), then a small 'winnow curve' into OUT/curve (semantic against"
          + " random subsets, each trained from scratch in 3 trials, so that the curve shows"
          + " mean +- std and says which differences are within run-to-run noise), and a"
          + " report. A few minutes on a 2-core CPU; a rerun skips what is done.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow demo",
      "  winnow demo --out /tmp/demo --trials 5",
      "  winnow demo --fractions 1.0,0.7,0.5         a fuller curve, about 1.7 times as long",
      "  winnow demo --epochs 1 --trials 1           a quick look; noise cannot be judged"
    })
final class DemoCommand implements Callable<Integer> {

  /**
   * Epochs of every training run of the demo, with {@link #BATCH}, {@link #TRIALS} and the
   * fractions below: chosen so that the demo fits 5 minutes of an idle 2-core CPU (BENCHMARKS.md).
   * The fractions stop at 0.5: at 0.25 (500 images) two epochs left semantic at 22.6 %, too close
   * to chance for a check.
   */
  static final int EPOCHS = 2;

  /** Samples per step: 63 steps per epoch of the whole sample, 32 of the half. */
  static final int BATCH = 32;

  /**
   * Trials of every curve point: the fewest that give a standard deviation to judge differences by.
   * One trial made a noisy 15-point gap at 70 % read as "semantic pruning hurts".
   */
  static final int TRIALS = 3;

  @Option(
      names = "--out",
      defaultValue = "out/demo",
      paramLabel = "DIR",
      description = "The demo's folder. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(
      names = "--epochs",
      defaultValue = "" + EPOCHS,
      paramLabel = "E",
      description = "Epochs of every training run. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--fractions",
      defaultValue = "1.0,0.5",
      split = ",",
      paramLabel = "F",
      description = "The curve's fractions. Default: ${DEFAULT-VALUE}.")
  List<Double> fractions;

  @Option(
      names = "--trials",
      defaultValue = "" + TRIALS,
      paramLabel = "N",
      description = "The curve's trials. Default: ${DEFAULT-VALUE}.")
  int trials;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of the reference training and trial 1. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Mixin LogMixin logging;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (epochs < 1 || trials < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--epochs and --trials must be at least 1");
    }
    try {
      CurveOptions.checkFractions(fractions);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Path data = Winnow.bundledSample();
    Demo.Request request =
        new Demo.Request(
            data,
            out,
            0.9,
            fractions,
            List.of(SemanticSelector.METHOD.name(), RandomSelector.METHOD.name()),
            trials,
            seed,
            Winnow.version());
    // Refused or claimed before the log is opened there (see RunCommand).
    Demo.checkOutput(request);
    try (OutputLock claim = OutputLock.acquire(out);
        RunLog log = logging.open(out)) {
      return log.guard(
          () -> {
            Demo.Result r =
                Demo.run(
                    request,
                    TrainingMixin.demoTrainer(data, epochs, BATCH),
                    log.progress(),
                    log.notes());
            var o = spec.commandLine().getOut();
            o.printf(
                Locale.ROOT,
                "Kept     %,d of %,d training samples -> %s%n",
                r.run().kept(),
                r.run().total(),
                r.run().keepCsv());
            for (CurvePoint p : r.curve().points()) {
              o.printf(
                  Locale.ROOT,
                  "Curve    %-8s at %-4s (%,d samples): test accuracy %.1f +- %.1f %% (%d %s)%n",
                  p.method(),
                  KeepFractions.format(p.fraction()),
                  p.nTrain(),
                  100 * p.mean(),
                  Double.isNaN(p.std()) ? 0 : 100 * p.std(),
                  p.n(),
                  p.n() == 1 ? "trial" : "trials");
            }
            for (String sentence : CurveNoise.sentences(r.curve().points())) {
              o.printf(Locale.ROOT, "Noise    %s%n", sentence);
            }
            o.printf(Locale.ROOT, "Curve    %s%n", r.curve().curveCsv());
            o.printf(Locale.ROOT, "Report   %s%n", r.report());
            o.flush();
            return 0;
          });
    }
  }
}
