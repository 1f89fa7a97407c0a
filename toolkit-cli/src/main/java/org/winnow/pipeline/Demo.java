package org.winnow.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.SemanticSelector;
import org.winnow.train.curve.CurveOptions;
import org.winnow.train.curve.CurveTrainer;
import org.winnow.train.curve.RedundancyCurve;

/**
 * {@code winnow demo}: {@link MainJob} on the bundled Fashion-MNIST sample into {@code run/}, then
 * a small redundancy curve ({@link RedundancyCurve}) from its embeddings into {@code curve/}, and
 * one report over both.
 */
public final class Demo {

  private Demo() {}

  /**
   * What to run.
   *
   * @param data the dataset (the bundled sample)
   * @param out the demo's folder
   * @param keep the keep fraction of the run
   * @param fractions the curve's fractions
   * @param methods the curve's methods ({@link org.winnow.train.curve.CurveMethods})
   * @param trials the curve's trials
   * @param seed the seed of the reference training and of trial 1
   * @param version the Winnow version
   */
  public record Request(
      Path data,
      Path out,
      double keep,
      List<Double> fractions,
      List<String> methods,
      int trials,
      long seed,
      String version) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(out, "out");
      fractions = List.copyOf(fractions);
      methods = List.copyOf(methods);
      Objects.requireNonNull(version, "version");
    }
  }

  /**
   * What the demo left.
   *
   * @param run the pipeline's result
   * @param curve the curve's result
   * @param report the HTML report, over the run and the curve
   */
  public record Result(MainJob.Result run, RedundancyCurve.Result curve, Path report) {}

  /**
   * Runs the demo; a rerun skips what is done. The curve's full run of trial 1 is the reference
   * training itself (same options and seed), copied rather than trained twice ({@link
   * SharedFullRun}).
   */
  public static Result run(Request r, CurveTrainer base, Progress progress, Consumer<String> log)
      throws IOException {
    Path out = r.out().toAbsolutePath().normalize();
    checkOutput(r);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(r, out, base, progress, log);
    }
  }

  /**
   * Refuses a demo folder that is, contains or lies inside the sample it reads ({@link
   * OutputGuard}); the CLI calls it before it opens its log there.
   */
  public static void checkOutput(Request r) {
    OutputGuard.check(r.out(), List.of(r.data()), false, OUTPUT);
  }

  /** A demo folder Winnow wrote: it holds the job's and the curve's folders. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("demo folder", "run/manifest.json", "curve/manifest.json");

  private static Result runClaimed(
      Request r, Path out, CurveTrainer base, Progress progress, Consumer<String> log)
      throws IOException {
    CurveTrainer trainer = new SharedFullRun(base, out.resolve("run/reference/run"));
    MainJob.Result run =
        MainJob.run(
            new MainJob.Request(
                r.data(),
                OpenOptions.defaults(),
                r.keep(),
                out.resolve("run"),
                Optional.empty(),
                r.seed(),
                256,
                MethodSpec.defaults(SemanticSelector.METHOD),
                r.version()),
            trainer,
            progress,
            log,
            false);
    RedundancyCurve.Result curve =
        RedundancyCurve.run(
            new CurveOptions(
                r.data(),
                OpenOptions.defaults(),
                run.embeddings(),
                r.fractions(),
                r.methods(),
                r.trials(),
                r.seed(),
                out.resolve("curve"),
                r.version()),
            trainer,
            progress,
            log);
    Path report =
        ReportHooks.writeReport(run.out(), Optional.of(curve.out()), r.version(), progress);
    return new Result(run, curve, report);
  }
}
