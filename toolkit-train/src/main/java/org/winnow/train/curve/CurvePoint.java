package org.winnow.train.curve;

import java.util.List;
import java.util.Locale;

/**
 * One row of {@code curve.csv}: a method's test accuracy at one fraction over its finished trials.
 *
 * @param method the method
 * @param fraction the keep fraction
 * @param nTrain samples trained on (the same in every trial)
 * @param mean mean final test accuracy
 * @param std sample standard deviation (n - 1 in the denominator) of the final test accuracy; 0 for
 *     one trial
 * @param n finished trials
 * @param meanWallSeconds mean wall time of a run, for the SALN-style time comparison
 */
public record CurvePoint(
    String method,
    double fraction,
    int nTrain,
    double mean,
    double std,
    int n,
    double meanWallSeconds) {

  /** The columns of {@code curve.csv}. */
  public static final List<String> COLUMNS =
      List.of("method", "fraction", "n_train", "mean", "std", "n", "mean_wall_seconds");

  /** The point of {@code rows} (at least one), labelled {@code method} at {@code fraction}. */
  static CurvePoint of(String method, double fraction, List<RunRow> rows) {
    int n = rows.size();
    double mean = rows.stream().mapToDouble(RunRow::testAccuracy).average().orElseThrow();
    double squares =
        rows.stream().mapToDouble(r -> (r.testAccuracy() - mean) * (r.testAccuracy() - mean)).sum();
    double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    double wall = rows.stream().mapToDouble(RunRow::wallSeconds).average().orElseThrow();
    return new CurvePoint(method, fraction, rows.getFirst().nTrain(), mean, std, n, wall);
  }

  /** The point as the plot draws it (the plot has no wall-time column). */
  org.winnow.prune.plot.CurvePoint plotted() {
    return new org.winnow.prune.plot.CurvePoint(method, fraction, nTrain, mean, std, n);
  }

  /** The point's values as text, in {@link #COLUMNS} order. */
  List<String> values() {
    return List.of(
        method,
        CurveOptions.format(fraction),
        Integer.toString(nTrain),
        String.format(Locale.ROOT, "%.6f", mean),
        String.format(Locale.ROOT, "%.6f", std),
        Integer.toString(n),
        String.format(Locale.ROOT, "%.3f", meanWallSeconds));
  }
}
