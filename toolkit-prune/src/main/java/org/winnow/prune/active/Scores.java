package org.winnow.prune.active;

/**
 * The uncertainty scores of active learning, row by row from predicted class probabilities, and the
 * density term of information density computed exactly in linear time.
 *
 * <p>With unit embeddings the mean cosine similarity of {@code z} to a pool {@code U} is {@code
 * (1/|U|) Σ_u z·u = z · (1/|U|) Σ_u u}: one dot product with the mean of the pool's unit vectors
 * ({@link PoolDensity}), never the {@code |U|²} pairs. Settles and Craven, <i>An Analysis of Active
 * Learning Strategies for Sequence Labeling Tasks</i> (EMNLP 2008), define the density over the
 * unlabelled pool, the sample itself included.
 */
public final class Scores {

  private Scores() {}

  /** The entropy {@code -Σ p ln p} of one distribution ({@code 0 ln 0 = 0}). */
  public static double maxEnt(double[] p) {
    double h = 0;
    for (double v : p) {
      if (v > 0) {
        h -= v * Math.log(v);
      }
    }
    return h;
  }

  /** {@code 1 - (p₁ - p₂)}, the two largest probabilities; a single class scores 0. */
  public static double margin(double[] p) {
    double first = Double.NEGATIVE_INFINITY;
    double second = 0;
    for (double v : p) {
      if (v > first) {
        second = Math.max(second, first);
        first = v;
      } else if (v > second) {
        second = v;
      }
    }
    return p.length < 2 ? 0 : 1 - (first - second);
  }

  /**
   * Information density: {@code maxEnt × max(0, density)^β}. A mean similarity below 0 (possible
   * only for embeddings that are not non-negative) counts as 0, where a power of a negative number
   * would not be a real number.
   */
  public static double informationDensity(double maxEnt, double density, double beta) {
    return maxEnt * Math.pow(Math.max(0, density), beta);
  }

  /** The dot product of a row with a direction. */
  public static double dot(double[] u, double[] v) {
    double s = 0;
    for (int j = 0; j < u.length; j++) {
      s += u[j] * v[j];
    }
    return s;
  }
}
