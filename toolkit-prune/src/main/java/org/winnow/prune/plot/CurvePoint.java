package org.winnow.prune.plot;

import java.util.Objects;

/**
 * One point of a redundancy curve: the test accuracy of one method trained on one subset size, over
 * its trials. One row of {@code curve.csv} (columns {@code method, fraction, n_train, mean, std, n,
 * mean_wall_seconds}); {@code winnow curve} writes these points and the plots and the report read
 * them.
 *
 * @param method the selection method, e.g. {@code semantic}, {@code random}
 * @param fraction the kept fraction of the training set, in (0, 1]
 * @param nTrain the number of training samples in the subset (0 when unknown)
 * @param mean the mean test accuracy over the trials, as a fraction in [0, 1] (0.9 is 90 %)
 * @param std the standard deviation of the test accuracy over the trials, in the same unit, at
 *     least 0; {@code NaN} (no error bar) when there is a single trial and no spread was computed
 * @param n the number of trials, at least 1
 * @param meanWallSeconds the mean wall time of one run, for the SALN-style time comparison; {@code
 *     NaN} when unknown (a table without that column)
 */
public record CurvePoint(
    String method,
    double fraction,
    int nTrain,
    double mean,
    double std,
    int n,
    double meanWallSeconds) {

  /**
   * Validates the point.
   *
   * @throws IllegalArgumentException naming the method and field that is out of range
   */
  public CurvePoint {
    Objects.requireNonNull(method, "method");
    if (method.isBlank()) {
      throw new IllegalArgumentException("curve point without a method name");
    }
    String at = method + " at fraction " + fraction + ": ";
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(at + "fraction must be in (0, 1]");
    }
    if (nTrain < 0) {
      throw new IllegalArgumentException(at + "n_train must be at least 0, got " + nTrain);
    }
    if (!(mean >= 0 && mean <= 1)) {
      throw new IllegalArgumentException(
          at + "mean accuracy must be a fraction in [0, 1], got " + mean);
    }
    if (!(std >= 0) && !Double.isNaN(std) || Double.isInfinite(std)) {
      throw new IllegalArgumentException(at + "std must be at least 0 (or NaN), got " + std);
    }
    if (n < 1) {
      throw new IllegalArgumentException(at + "n (trials) must be at least 1, got " + n);
    }
    if (!(meanWallSeconds >= 0) && !Double.isNaN(meanWallSeconds)
        || Double.isInfinite(meanWallSeconds)) {
      throw new IllegalArgumentException(
          at + "mean_wall_seconds must be at least 0 (or NaN), got " + meanWallSeconds);
    }
  }

  /** A point without a wall time. */
  public CurvePoint(String method, double fraction, int nTrain, double mean, double std, int n) {
    this(method, fraction, nTrain, mean, std, n, Double.NaN);
  }
}
