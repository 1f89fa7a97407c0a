package org.winnow.prune;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * Cosine similarities through BLAS matrix products (Smile's {@link DenseMatrix}, double precision
 * like SciPy's {@code pdist}), in row blocks so that no n x n matrix is ever held beside the
 * result. A Java loop over pairs is about ten times slower.
 *
 * <p>Single precision ({@code sgemm}) would make the distance matrix about 1.7 times as fast, but
 * it rounds {@code cos} to about 6e-8, which is where nearly parallel embeddings differ: ReLU
 * features of a barely trained network have {@code 1 - cos} of 1e-4 and merge heights 1e-8 apart,
 * and their partitions then no longer equal SciPy's (CompleteLinkageReferenceTest pins such a set).
 */
final class Cosine {

  /** Rows per matrix product: large enough for BLAS to run near its peak, small in memory. */
  static final int BLOCK = 512;

  /** Rows per tile when the products of one block are written out. */
  private static final int TILE = 64;

  private static final AtomicBoolean PREPARING = new AtomicBoolean();

  private Cosine() {}

  /**
   * Starts loading BLAS and linking its first call on a daemon thread, once per JVM, so that a
   * fresh JVM does that while it prepares the rows instead of before the first product, which waits
   * for it only if it is not done. A failure is left to that first product to report.
   */
  static void prepareInBackground() {
    if (PREPARING.compareAndSet(false, true)) {
      Thread.ofPlatform()
          .daemon()
          .name("winnow-blas-setup")
          .start(
              () -> {
                try {
                  similarity(new double[2][2]);
                } catch (RuntimeException | LinkageError e) {
                  // The first real product fails with the cause.
                }
              });
    }
  }

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
    int[] offset = new int[n];
    for (int i = 0; i < n; i++) {
      offset[i] = (int) (length - (long) (n - i) * (n - i + 1) / 2);
    }
    products(
        unit,
        (a, b, c, ldc, i0, i1) -> {
          for (int j = a; j < b; j++) {
            int col = (j - a) * ldc;
            for (int i = i0, end = Math.min(i1, j); i < end; i++) {
              tri[offset[i] + j - i] = clamped(c[col + i]);
            }
          }
        });
    return tri;
  }

  /**
   * The same dissimilarities as {@link #dissimilarityTriangle}, value for value, as a full
   * symmetric matrix with one row per point, so that a scan along a row reads memory in order.
   * Twice the triangle's memory: {@code 4 · n²} bytes.
   */
  static float[][] dissimilarityMatrix(double[][] unit) {
    float[][] d = new float[unit.length][unit.length];
    products(
        unit,
        (a, b, c, ldc, i0, i1) -> {
          for (int j = a; j < b; j++) {
            int col = (j - a) * ldc;
            float[] row = d[j];
            for (int i = i0, end = Math.min(i1, j); i < end; i++) {
              float v = clamped(c[col + i]);
              row[i] = v;
              d[i][j] = v;
            }
          }
        });
    return d;
  }

  /**
   * Receives the dot products {@code c[(j - a) · ldc + i] = u_i · u_j} of rows i in {@code [i0,
   * i1)} with the rows j in {@code [a, b)} that follow them ({@code i < j}). Tiles of one block run
   * in parallel and never share a pair.
   */
  private interface Tile {
    void accept(int a, int b, double[] c, int ldc, int i0, int i1);
  }

  /**
   * Every dot product {@code u_i · u_j} with {@code i < j}, once, through BLAS: for each block of
   * {@link #BLOCK} rows j in {@code [a, b)}, one {@code dgemm} of rows 0..b-1 with the block, then
   * {@code tile} on tiles of {@link #TILE} rows i, in parallel. The operand of rows 0..b-1 is a
   * leading view of one column-major copy of all rows, so no block copies it again.
   */
  private static void products(double[][] unit, Tile tile) {
    int n = unit.length;
    if (n < 2) {
      return;
    }
    int dim = unit[0].length;
    DenseMatrix all = columns(unit, 0, n);
    DenseMatrix product = DenseMatrix.zeros(ScalarType.Float64, n, BLOCK);
    for (int a = 0; a < n; a += BLOCK) {
      int b = Math.min(n, a + BLOCK);
      DenseMatrix c = product.submatrix(0, 0, b, b - a);
      DenseMatrix.mm(
          1,
          Transpose.TRANSPOSE,
          all.submatrix(0, 0, dim, b),
          Transpose.NO_TRANSPOSE,
          columns(unit, a, b),
          0,
          c);
      double[] values = doubles(c.memory());
      int ldc = c.ld();
      int first = a;
      IntStream.range(0, (b + TILE - 1) / TILE)
          .parallel()
          .forEach(t -> tile.accept(first, b, values, ldc, t * TILE, Math.min(b, (t + 1) * TILE)));
    }
  }

  /** Rows {@code a..b-1} of {@code unit} as the columns of a column-major matrix. */
  private static DenseMatrix columns(double[][] unit, int a, int b) {
    int dim = unit[0].length;
    DenseMatrix m = DenseMatrix.zeros(ScalarType.Float64, dim, b - a);
    MemorySegment memory = m.memory();
    long stride = (long) m.ld() * Double.BYTES;
    for (int i = a; i < b; i++) {
      MemorySegment.copy(unit[i], 0, memory, ValueLayout.JAVA_DOUBLE, (i - a) * stride, dim);
    }
    return m;
  }

  /** The doubles of a matrix's memory: its own array when it is one, else a copy. */
  static double[] doubles(MemorySegment memory) {
    if (memory.address() == 0 && memory.heapBase().orElse(null) instanceof double[] array) {
      return array;
    }
    return memory.toArray(ValueLayout.JAVA_DOUBLE);
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

  /** The dot product of two rows of the same length, summed in index order. */
  static double dot(double[] u, double[] v) {
    double dot = 0;
    for (int j = 0; j < u.length; j++) {
      dot += u[j] * v[j];
    }
    return dot;
  }

  /** {@code 1 - cos} of two unit rows, clamped to [0, 2]. */
  static double dissimilarity(double[] u, double[] v) {
    return dissimilarityOfDot(dot(u, v));
  }

  /** {@code 1 - dot}, clamped to [0, 2]: the dissimilarity of unit rows with that dot product. */
  static double dissimilarityOfDot(double dot) {
    double d = 1 - dot;
    return d < 0 ? 0 : Math.min(d, 2);
  }
}
