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
          + " random subsets, each trained from scratch), and a report. A few minutes on a"
          + " 2-core CPU; a rerun skips what is done.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow demo",
      "  winnow demo --out /tmp/demo --trials 2",
      "  winnow demo --epochs 1 --fractions 1.0,0.5     a quicker, rougher curve"
    })
final class DemoCommand implements Callable<Integer> {

  /**
   * Epochs of every training run of the demo, with {@link #BATCH} and the fractions below: chosen
   * so that the demo's training fits about 5 minutes of an idle 2-core CPU (BENCHMARKS.md).
   */
  static final int EPOCHS = 2;

  /** Samples per step: 63 steps per epoch of the whole sample, 32 of the smallest subset. */
  static final int BATCH = 32;

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
      defaultValue = "1.0,0.7,0.5",
      split = ",",
      paramLabel = "F",
      description = "The curve's fractions. Default: ${DEFAULT-VALUE}.")
  List<Double> fractions;

  @Option(
      names = "--trials",
      defaultValue = "1",
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
                  "Curve    %-8s at %-4s (%,d samples): test accuracy %.1f %%%n",
                  p.method(),
                  KeepFractions.format(p.fraction()),
                  p.nTrain(),
                  100 * p.mean());
            }
            o.printf(Locale.ROOT, "Curve    %s%n", r.curve().curveCsv());
            o.printf(Locale.ROOT, "Report   %s%n", r.report());
            o.flush();
            return 0;
          });
    }
  }
}
