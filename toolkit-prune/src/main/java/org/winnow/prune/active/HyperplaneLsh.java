package org.winnow.prune.active;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * An approximate cosine nearest-neighbour index for large pools: random-hyperplane locality-
 * sensitive hashing (Charikar, <i>Similarity Estimation Techniques from Rounding Algorithms</i>,
 * STOC 2002). Each of {@code tables} hash tables keys a row by the signs of its dot products with
 * {@code bits} random Gaussian directions; two rows at angle θ share a bit with probability {@code
 * 1 - θ/π}, so near rows tend to share a bucket. A query gathers the rows of its own bucket and of
 * the {@code bits} buckets one bit away (multi-probe, Lv et al., VLDB 2007) in every table, and
 * ranks those exactly by dot product.
 *
 * <p>Building costs one BLAS product of the pool with the directions and one sort per table; a
 * query costs its buckets, not the pool. Recall against exact search is measured in BENCHMARKS.md
 * (HyperplaneLshTest checks it on clustered data).
 */
public final class HyperplaneLsh implements NeighbourIndex {

  /** Rows per BLAS product while hashing. */
  private static final int BLOCK = 8192;

  /**
   * The index's shape.
   *
   * @param tables hash tables, at least 1
   * @param bits hyperplanes per table, 1 to 30
   * @param seed the seed of the directions
   */
  public record Options(int tables, int bits, long seed) {

    /** Validates the shape. */
    public Options {
      if (tables < 1 || bits < 1 || bits > 30) {
        throw new IllegalArgumentException(
            "LSH needs at least 1 table and 1 to 30 bits, not " + tables + " and " + bits);
      }
    }

    /** 16 tables of 14 bits: recall@100 above 0.9 on the pools of BENCHMARKS.md. */
    public static Options defaults(long seed) {
      return new Options(16, 14, seed);
    }
  }

  private final double[][] unit;
  private final Options options;
  private final int[][] codes;
  private final long[][] sorted;

  private HyperplaneLsh(double[][] unit, Options options, int[][] codes, long[][] sorted) {
    this.unit = unit;
    this.options = options;
    this.codes = codes;
    this.sorted = sorted;
  }

  /**
   * Hashes every row of the pool.
   *
   * @param unit the pool's unit rows (shared, not copied)
   */
  public static HyperplaneLsh build(double[][] unit, Options options) {
    int n = unit.length;
    int dim = unit[0].length;
    int planes = options.tables() * options.bits();
    SplittableRandom rng = new SplittableRandom(options.seed());
    double[][] directions = new double[planes][dim];
    for (double[] d : directions) {
      for (int j = 0; j < dim; j++) {
        d[j] = gaussian(rng);
      }
    }
    DenseMatrix h = DenseMatrix.of(directions);
    int[][] codes = new int[options.tables()][n];
    for (int a = 0; a < n; a += BLOCK) {
      int b = Math.min(n, a + BLOCK);
      DenseMatrix rows = DenseMatrix.of(Arrays.copyOfRange(unit, a, b));
      DenseMatrix p = DenseMatrix.zeros(ScalarType.Float64, b - a, planes);
      DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, rows, Transpose.TRANSPOSE, h, 0, p);
      for (int i = a; i < b; i++) {
        for (int t = 0; t < options.tables(); t++) {
          int code = 0;
          for (int bit = 0; bit < options.bits(); bit++) {
            if (p.get(i - a, t * options.bits() + bit) >= 0) {
              code |= 1 << bit;
            }
          }
          codes[t][i] = code;
        }
      }
    }
    long[][] sorted = new long[options.tables()][];
    for (int t = 0; t < options.tables(); t++) {
      long[] keys = new long[n];
      for (int i = 0; i < n; i++) {
        keys[i] = (long) codes[t][i] << 32 | i;
      }
      Arrays.parallelSort(keys);
      sorted[t] = keys;
    }
    return new HyperplaneLsh(unit, options, codes, sorted);
  }

  @Override
  public int[] neighbours(int[] queryRows, int k) {
    int[] out = new int[queryRows.length * k];
    IntStream.range(0, queryRows.length)
        .parallel()
        .forEach(q -> nearest(queryRows[q], k, out, q * k));
    return out;
  }

  /** The candidates of one query, ranked exactly; -1 where there are fewer than k. */
  private void nearest(int query, int k, int[] out, int at) {
    int[] found = new int[64];
    int count = 0;
    for (int t = 0; t < options.tables(); t++) {
      int code = codes[t][query];
      for (int flip = -1; flip < options.bits(); flip++) {
        int probe = flip < 0 ? code : code ^ (1 << flip);
        long[] keys = sorted[t];
        int i = lowerBound(keys, (long) probe << 32);
        for (; i < keys.length && (int) (keys[i] >>> 32) == probe; i++) {
          if (count == found.length) {
            found = Arrays.copyOf(found, 2 * count);
          }
          found[count++] = (int) keys[i];
        }
      }
    }
    // a row sits in several of the query's buckets: sort, then keep each once (a primitive sort;
    // IntStream.distinct boxes every row)
    Arrays.sort(found, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (found[i] != query && (distinct == 0 || found[i] != found[distinct - 1])) {
        found[distinct++] = found[i];
      }
    }
    int[] rows = Arrays.copyOf(found, distinct);
    double[] q = unit[query];
    double[] s = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      s[i] = Scores.dot(q, unit[rows[i]]);
    }
    int[] best = Acquisition.top(rows, s, k);
    Arrays.fill(out, at, at + k, -1);
    for (int i = 0; i < best.length; i++) {
      out[at + i] = rows[best[i]];
    }
  }

  private static int lowerBound(long[] keys, long key) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public String name() {
    return "lsh";
  }

  private static double gaussian(SplittableRandom rng) {
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
