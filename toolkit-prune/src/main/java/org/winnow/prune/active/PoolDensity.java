package org.winnow.prune.active;

/**
 * The density term of information density for a pool whose labelled part grows: the mean of the
 * unlabelled unit rows, from the sum of all rows (taken once) less the labelled rows' sum, so that
 * a round costs {@code O(labelled × dim)} instead of a pass over the whole pool.
 */
public final class PoolDensity {

  private final double[][] unit;
  private final double[] total;

  /** Sums the rows once. */
  public PoolDensity(double[][] unit) {
    this.unit = unit;
    this.total = new double[unit.length == 0 ? 0 : unit[0].length];
    for (double[] u : unit) {
      for (int j = 0; j < total.length; j++) {
        total[j] += u[j];
      }
    }
  }

  /**
   * The mean of the unit rows not in {@code labelled}: a row's dot product with it is the row's
   * mean cosine similarity to the unlabelled pool ({@link Scores}).
   *
   * @param labelled distinct rows
   * @throws IllegalArgumentException when every row is labelled
   */
  public double[] unlabelledMean(int[] labelled) {
    int rest = unit.length - labelled.length;
    if (rest <= 0) {
      throw new IllegalArgumentException("every sample of the pool is labelled");
    }
    double[] sum = total.clone();
    for (int r : labelled) {
      double[] u = unit[r];
      for (int j = 0; j < sum.length; j++) {
        sum[j] -= u[j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= rest;
    }
    return sum;
  }
}
