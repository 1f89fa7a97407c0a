package org.winnow.train.curve;

import java.util.List;
import java.util.Locale;
import org.winnow.prune.KeepFractions;

/**
 * One row of {@code runs.csv}: one finished training run.
 *
 * @param method the run's label (see {@link PlannedRun#method()})
 * @param fraction the keep fraction
 * @param trial the trial, from 1
 * @param seed the training seed
 * @param nTrain samples trained on
 * @param testAccuracy test accuracy after the last epoch
 * @param bestTestAccuracy the best test accuracy of any epoch
 * @param wallSeconds the run's wall time
 * @param runDir the run folder, relative to the curve's folder
 */
public record RunRow(
    String method,
    double fraction,
    int trial,
    long seed,
    int nTrain,
    double testAccuracy,
    double bestTestAccuracy,
    double wallSeconds,
    String runDir) {

  /** The columns of {@code runs.csv}. */
  public static final List<String> COLUMNS =
      List.of(
          "method",
          "fraction",
          "trial",
          "seed",
          "n_train",
          "test_accuracy",
          "best_test_accuracy",
          "wall_seconds",
          "run_dir");

  /** The row's values as text, in {@link #COLUMNS} order. */
  List<String> values() {
    return List.of(
        method,
        KeepFractions.format(fraction),
        Integer.toString(trial),
        Long.toString(seed),
        Integer.toString(nTrain),
        String.format(Locale.ROOT, "%.6f", testAccuracy),
        String.format(Locale.ROOT, "%.6f", bestTestAccuracy),
        String.format(Locale.ROOT, "%.3f", wallSeconds),
        runDir);
  }
}
