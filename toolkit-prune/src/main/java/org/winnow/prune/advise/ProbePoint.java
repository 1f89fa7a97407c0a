package org.winnow.prune.advise;

import java.util.Arrays;
import java.util.Objects;
import org.winnow.prune.plot.CurvePoint;

/**
 * The linear probe's test accuracy for one method at one fraction, over its trials, overall and per
 * class (the share of each class's test samples predicted right).
 *
 * @param method {@code semantic} or {@code random}
 * @param fraction the kept fraction of the training pool
 * @param nTrain training samples kept (of the first trial)
 * @param accuracy the overall accuracy of each trial
 * @param classAccuracy for each trial, the accuracy of each class (NaN for a class without test
 *     samples)
 */
public record ProbePoint(
    String method, double fraction, int nTrain, double[] accuracy, double[][] classAccuracy) {

  /** Checks the shape. */
  public ProbePoint {
    Objects.requireNonNull(method, "method");
    if (accuracy.length == 0 || accuracy.length != classAccuracy.length) {
      throw new IllegalArgumentException("a probe point needs one row of accuracies per trial");
    }
  }

  /** The number of trials. */
  public int trials() {
    return accuracy.length;
  }

  /** The mean overall accuracy. */
  public double mean() {
    return Arrays.stream(accuracy).average().orElseThrow();
  }

  /** The sample standard deviation of the overall accuracy over trials; 0 for one trial. */
  public double std() {
    return std(accuracy);
  }

  /** The mean accuracy of class {@code c} over trials. */
  public double classMean(int c) {
    return Arrays.stream(classAccuracy).mapToDouble(row -> row[c]).average().orElseThrow();
  }

  /** The sample standard deviation of class {@code c}'s accuracy over trials. */
  public double classStd(int c) {
    return std(Arrays.stream(classAccuracy).mapToDouble(row -> row[c]).toArray());
  }

  /** The point as the redundancy-curve plot takes it, under {@code name}. */
  public CurvePoint toCurvePoint(String name) {
    return new CurvePoint(name, fraction, nTrain, mean(), std(), trials());
  }

  static double std(double[] x) {
    if (x.length < 2) {
      return 0;
    }
    double m = Arrays.stream(x).average().orElseThrow();
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }
}
