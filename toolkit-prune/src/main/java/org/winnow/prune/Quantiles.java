package org.winnow.prune;

/** Quantiles of sorted values, as NumPy's default ({@code method='linear'}) computes them. */
public final class Quantiles {

  private Quantiles() {}

  /**
   * The {@code p} quantile of ascending {@code sorted}, interpolated linearly between the two
   * values around position {@code p · (n - 1)}; 0 for no values.
   */
  public static double linear(double[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    double pos = p * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
  }
}
