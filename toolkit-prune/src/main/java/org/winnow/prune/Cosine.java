package org.winnow.prune;

import java.util.Arrays;
import smile.tensor.DenseMatrix;

/**
 * Cosine similarities through BLAS matrix products (Smile's {@link DenseMatrix}, double precision
 * like SciPy's {@code pdist}), in row blocks so that no n x n matrix is ever held beside the
 * result. A Java loop over pairs is about ten times slower.
 */
final class Cosine {

  /** Rows per matrix product: large enough for BLAS to run near its peak, small in memory. */
  static final int BLOCK = 512;

  /** Rows per tile when mirroring the full matrix. */
  private static final int TILE = 64;

  private Cosine() {}

  /** The given rows of {@code vectors}, scaled to unit length; zero rows stay zero. */
  static double[][] unitRows(float[][] vectors, int[] rows) {
    double[][] out = new double[rows.length][];
    for (int r = 0; r < rows.length; r++) {
      float[] v = vectors[rows[r]];
      double[] u = new double[v.length];
      double sum = 0;
      for (int j = 0; j < v.length; j++) {
        u[j] = v[j];
        sum += u[j] * u[j];
      }
      if (sum > 0) {
        double inv = 1 / Math.sqrt(sum);
        for (int j = 0; j < u.length; j++) {
          u[j] *= inv;
        }
      }
      out[r] = u;
    }
    return out;
  }

  /**
   * The dissimilarities {@code 1 - cos} of all pairs of unit rows, as the column-wise lower
   * triangle with diagonal that Smile's {@code Linkage(int, float[])} takes: column j holds rows j
   * to n-1. The diagonal is exactly 0 and rounding is clamped to [0, 2].
   */
  static float[] dissimilarityTriangle(double[][] unit) {
    int n = unit.length;
    long length = (long) n * (n + 1) / 2;
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " points do not fit one distance triangle");
    }
    float[] tri = new float[(int) length];
    for (int a = 0; a < n; a += BLOCK) {
      int b = Math.min(n, a + BLOCK);
      // Rows a..n-1 against rows a..b-1: exactly the part of the triangle in columns a..b-1.
      DenseMatrix c =
          DenseMatrix.of(Arrays.copyOfRange(unit, a, n))
              .mt(DenseMatrix.of(Arrays.copyOfRange(unit, a, b)));
      for (int j = a; j < b; j++) {
        int offset = (int) (length - (long) (n - j) * (n - j + 1) / 2);
        int col = j - a;
        tri[offset] = 0;
        for (int i = j + 1; i < n; i++) {
          tri[offset + i - j] = clamped(c.get(i - a, col));
        }
      }
    }
    return tri;
  }

  /**
   * The same dissimilarities as {@link #dissimilarityTriangle}, value for value (the same block
   * products, rounding and clamp), as a full symmetric matrix with one row per point, so that a
   * scan along a row reads memory in order. Twice the triangle's memory: {@code 4 · n²} bytes.
   */
  static float[][] dissimilarityMatrix(double[][] unit) {
    int n = unit.length;
    float[][] d = new float[n][n];
    for (int a = 0; a < n; a += BLOCK) {
      int b = Math.min(n, a + BLOCK);
      DenseMatrix c =
          DenseMatrix.of(Arrays.copyOfRange(unit, a, n))
              .mt(DenseMatrix.of(Arrays.copyOfRange(unit, a, b)));
      for (int j = a; j < b; j++) {
        int col = j - a;
        float[] row = d[j];
        for (int i = j + 1; i < n; i++) {
          row[i] = clamped(c.get(i - a, col));
        }
      }
      // Mirror rows a..b-1 into columns a..b-1 of the rows below, in tiles that stay in cache.
      for (int i0 = a; i0 < n; i0 += TILE) {
        int i1 = Math.min(n, i0 + TILE);
        for (int j = a; j < b; j++) {
          float[] row = d[j];
          for (int i = Math.max(i0, j + 1); i < i1; i++) {
            d[i][j] = row[i];
          }
        }
      }
    }
    return d;
  }

  /** {@code 1 - dot} rounded to float, clamped to [0, 2]. */
  private static float clamped(double dot) {
    double d = 1 - dot;
    return (float) (d < 0 ? 0 : Math.min(d, 2));
  }

  /** The full similarity matrix {@code unit · unitᵀ} of a small set of rows. */
  static double[][] similarity(double[][] unit) {
    int n = unit.length;
    double[][] s = new double[n][n];
    if (n == 0) {
      return s;
    }
    DenseMatrix m = DenseMatrix.of(unit);
    DenseMatrix g = m.mt(m);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        s[i][j] = g.get(i, j);
      }
    }
    return s;
  }

  /**
   * For each point, the reference it is most similar to (ties to the earlier reference) and that
   * similarity.
   */
  static Nearest nearest(double[][] points, double[][] refs) {
    int[] index = new int[points.length];
    double[] sim = new double[points.length];
    if (refs.length == 0) {
      throw new IllegalArgumentException("no reference points");
    }
    DenseMatrix r = DenseMatrix.of(refs);
    for (int a = 0; a < points.length; a += BLOCK) {
      int b = Math.min(points.length, a + BLOCK);
      DenseMatrix c = DenseMatrix.of(Arrays.copyOfRange(points, a, b)).mt(r);
      for (int i = a; i < b; i++) {
        int best = 0;
        double bestSim = c.get(i - a, 0);
        for (int k = 1; k < refs.length; k++) {
          double s = c.get(i - a, k);
          if (s > bestSim) {
            best = k;
            bestSim = s;
          }
        }
        index[i] = best;
        sim[i] = bestSim;
      }
    }
    return new Nearest(index, sim);
  }

  /**
   * The result of {@link #nearest}.
   *
   * @param index for each point, the index of its most similar reference
   * @param similarity that cosine similarity
   */
  record Nearest(int[] index, double[] similarity) {}

  /** {@code 1 - cos} of two unit rows, clamped to [0, 2]. */
  static double dissimilarity(double[] u, double[] v) {
    double dot = 0;
    for (int j = 0; j < u.length; j++) {
      dot += u[j] * v[j];
    }
    double d = 1 - dot;
    return d < 0 ? 0 : Math.min(d, 2);
  }
}
