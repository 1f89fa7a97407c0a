package org.winnow.prune;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * Seeded spherical k-means: k-means on the unit sphere, where a point joins the centroid of highest
 * cosine similarity and a centroid is the normalised sum of its points (Dhillon and Modha,
 * <i>Concept Decompositions for Large Sparse Text Data Using Clustering</i>, 2001). The start is
 * greedy k-means++ (Arthur and Vassilvitskii, <i>k-means++: The Advantages of Careful Seeding</i>,
 * 2007): each next centre is the best of {@code 2 + ln k} candidates, as in scikit-learn, each
 * drawn with probability proportional to {@code 1 - cos} to the nearest centre so far, which for
 * unit rows is half the squared Euclidean distance, k-means++'s weight.
 *
 * <p>Each assignment step multiplies blocks of rows with the centroids through BLAS ({@link
 * #assign}; ties to the lower centroid); the loop stops when an assignment repeats or after {@link
 * Options#maxIterations()} steps. A cluster that loses all its points keeps its centroid. The same
 * rows and options always give the same clusters.
 */
public final class SphericalKMeans {

  private SphericalKMeans() {}

  /**
   * What to fit.
   *
   * @param k the number of clusters, at least 1 (and at most the number of rows)
   * @param maxIterations assignment steps at most, at least 1
   * @param seed the seed of the k-means++ draws
   */
  public record Options(int k, int maxIterations, long seed) {

    /** Validates the options. */
    public Options {
      if (k < 1) {
        throw new IllegalArgumentException("k-means needs k >= 1 clusters, not " + k);
      }
      if (maxIterations < 1) {
        throw new IllegalArgumentException(
            "k-means needs at least 1 iteration, not " + maxIterations);
      }
    }
  }

  /**
   * A fitted clustering.
   *
   * @param centroids {@code k} unit centroids, each the normalised sum of its cluster's rows (a
   *     cluster left empty keeps its previous centroid)
   * @param assignment each row's cluster, {@code 0 .. k-1}
   * @param iterations assignment steps run, the last of which changed nothing unless it was the
   *     {@link Options#maxIterations()}-th
   * @param inertia {@code Σ (1 - row · centroid of its cluster)}, the spherical k-means objective
   */
  public record Clusters(double[][] centroids, int[] assignment, int iterations, double inertia) {

    /** Checks the fields are present. */
    public Clusters {
      Objects.requireNonNull(centroids, "centroids");
      Objects.requireNonNull(assignment, "assignment");
    }

    /** The number of clusters. */
    public int k() {
      return centroids.length;
    }
  }

  /**
   * Clusters unit rows.
   *
   * @param unit unit rows of one dimension
   * @throws IllegalArgumentException with one line when there are fewer rows than clusters or the
   *     rows' dimensions differ
   */
  public static Clusters fit(double[][] unit, Options options) {
    check(unit, options);
    SplittableRandom random = new SplittableRandom(options.seed());
    return lloyd(
        unit, seed(unit, options.k(), random, greedyTrials(options.k())), options.maxIterations());
  }

  /**
   * Clusters unit rows, drawing from {@code random}, for callers that fit several times from one
   * seeded stream ({@link KMeansChunks}).
   */
  static Clusters fit(double[][] unit, int k, int maxIterations, SplittableRandom random) {
    check(unit, new Options(k, maxIterations, 0));
    return lloyd(unit, seed(unit, k, random, 1), maxIterations);
  }

  /**
   * Lloyd's steps from the given centroids ({@code k = initial.length}), which are copied: for a
   * comparison with another implementation started from the same centroids, and to time the steps
   * apart from the seeding.
   *
   * @param initial the starting centroids, unit rows of the rows' dimension
   */
  static Clusters fit(double[][] unit, double[][] initial, int maxIterations) {
    check(unit, new Options(initial.length, maxIterations, 0));
    double[][] centres = new double[initial.length][];
    for (int c = 0; c < centres.length; c++) {
      if (initial[c].length != unit[0].length) {
        throw new IllegalArgumentException(
            "k-means: centroid "
                + c
                + " has "
                + initial[c].length
                + " dimensions, the rows "
                + unit[0].length);
      }
      centres[c] = initial[c].clone();
    }
    return lloyd(unit, centres, maxIterations);
  }

  /** Refuses fewer rows than clusters and rows of several dimensions. */
  private static void check(double[][] unit, Options options) {
    int n = unit.length;
    if (n < options.k()) {
      throw new IllegalArgumentException(
          "k-means: k = " + options.k() + " clusters asked of " + n + " rows");
    }
    for (int i = 1; i < n; i++) {
      if (unit[i].length != unit[0].length) {
        throw new IllegalArgumentException(
            "k-means: row "
                + i
                + " has "
                + unit[i].length
                + " dimensions, row 0 "
                + unit[0].length);
      }
    }
  }

  /** Lloyd's steps from {@code centres}, which they update in place. */
  private static Clusters lloyd(double[][] unit, double[][] centres, int maxIterations) {
    int[] assign = new int[unit.length];
    Arrays.fill(assign, -1);
    int iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      int[] next = assign(unit, centres);
      if (Arrays.equals(next, assign)) {
        break;
      }
      assign = next;
      updateCentres(unit, assign, centres);
    }
    return new Clusters(centres, assign, iterations, inertia(unit, assign, centres));
  }

  /**
   * Each row's most similar centroid, ties to the lower one: for each block of {@link #assignBlock}
   * rows, one BLAS product {@code C R^T} of the centroids with the block, the block laid out as its
   * rows one after the other (a column-major {@code dim × rows} matrix, copied row by row without
   * transposing), so that each row's similarities come out side by side for its argmax.
   */
  static int[] assign(double[][] unit, double[][] centres) {
    int n = unit.length;
    int dim = unit[0].length;
    int k = centres.length;
    int block = Math.min(n, assignBlock(k));
    DenseMatrix c = columns(centres, 0, k, DenseMatrix.zeros(ScalarType.Float64, dim, k));
    DenseMatrix rows = DenseMatrix.zeros(ScalarType.Float64, dim, block);
    DenseMatrix product = DenseMatrix.zeros(ScalarType.Float64, k, block);
    int[] best = new int[n];
    for (int from = 0; from < n; from += block) {
      int m = Math.min(block, n - from);
      DenseMatrix r = columns(unit, from, m, rows).submatrix(0, 0, dim, m);
      DenseMatrix p = product.submatrix(0, 0, k, m);
      DenseMatrix.mm(1, Transpose.TRANSPOSE, c, Transpose.NO_TRANSPOSE, r, 0, p);
      double[] values = Cosine.doubles(p.memory());
      int ld = p.ld();
      int first = from;
      IntStream.range(0, Math.ceilDiv(m, SEED_TILE / 8))
          .parallel()
          .forEach(
              t -> {
                for (int i = t * (SEED_TILE / 8), end = Math.min(m, i + SEED_TILE / 8);
                    i < end;
                    i++) {
                  int at = i * ld;
                  int arg = 0;
                  for (int j = 1; j < k; j++) {
                    if (values[at + j] > values[at + arg]) {
                      arg = j;
                    }
                  }
                  best[first + i] = arg;
                }
              });
    }
    return best;
  }

  /** Copies rows {@code from .. from + m - 1} into the first columns of {@code into}. */
  private static DenseMatrix columns(double[][] source, int from, int m, DenseMatrix into) {
    double[] data = Cosine.doubles(into.memory());
    int ld = into.ld();
    for (int i = 0; i < m; i++) {
      System.arraycopy(source[from + i], 0, data, i * ld, source[from + i].length);
    }
    return into;
  }

  /**
   * Rows per product of an assignment step: as many as keep the product block within {@value
   * #PRODUCT_DOUBLES} doubles (32 MiB), from {@link NearestNeighbours#QUERY_BLOCK} to {@value
   * #MAX_ASSIGN_BLOCK}. A step is then a few large BLAS calls instead of one per 512 rows, each of
   * which costs a wake-up of BLAS's threads, and the rows are copied without transposing: on 60,000
   * × 512 rows and 100 centroids a step took 0.6 s instead of 7.9 s (under a load of 14 on 2
   * cores), with the same assignment as {@link NearestNeighbours#search} for k = 1 to 1,000.
   */
  static int assignBlock(int k) {
    int perRow = Math.min(k, NearestNeighbours.BASE_BLOCK);
    return Math.clamp(PRODUCT_DOUBLES / perRow, NearestNeighbours.QUERY_BLOCK, MAX_ASSIGN_BLOCK);
  }

  private static final int PRODUCT_DOUBLES = 1 << 22;

  private static final int MAX_ASSIGN_BLOCK = 8192;

  /** Rows per parallel task of a k-means++ step, and the fewest rows worth splitting. */
  private static final int SEED_TILE = 4096;

  /**
   * The candidates greedy k-means++ draws for each centre: {@code 2 + ln k}, scikit-learn's choice
   * ({@code kmeans_plusplus}'s {@code n_local_trials}).
   */
  static int greedyTrials(int k) {
    return 2 + (int) Math.log(k);
  }

  /**
   * k-means++ on {@code 1 - cos}: the first centre uniform, each next one drawn by that weight;
   * with {@code trials > 1}, greedy k-means++: that many candidates are drawn and the one that
   * leaves the smallest total weight is taken (Arthur and Vassilvitskii 2007, section 6;
   * scikit-learn's default). One draw is plain k-means++, which {@link KMeansChunks} keeps so that
   * semantic's chunks stay as they were; greedy seeding reaches scikit-learn's optimum far more
   * often (SphericalKMeansTest).
   *
   * <p>Each step updates every row's distance to its nearest centre so far, and scores the
   * candidates, in parallel over tiles of rows; the arithmetic per row and the order of the sums do
   * not depend on the threads, so the draws do not either.
   *
   * @param trials candidates per centre, at least 1
   */
  static double[][] seed(double[][] rows, int k, SplittableRandom rng, int trials) {
    int n = rows.length;
    double[][] centres = new double[k][];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    centres[0] = rows[rng.nextInt(n)].clone();
    double[][] scored = new double[trials][];
    for (int c = 1; c < k; c++) {
      if (c == 1 || trials == 1) {
        double[] last = centres[c - 1];
        tiles(n)
            .forEach(
                t -> {
                  for (int i = t * SEED_TILE, end = Math.min(n, i + SEED_TILE); i < end; i++) {
                    nearest[i] = Math.min(nearest[i], Cosine.dissimilarity(rows[i], last));
                  }
                });
      }
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += nearest[i];
      }
      int[] candidates = new int[trials];
      for (int t = 0; t < trials; t++) {
        candidates[t] = draw(nearest, total, rng);
      }
      int pick = 0;
      if (trials > 1) {
        pick = best(rows, nearest, candidates, scored);
        // The chosen candidate's distances, computed while scoring, update the nearest.
        double[] chosen = scored[pick];
        for (int i = 0; i < n; i++) {
          nearest[i] = Math.min(nearest[i], chosen[i]);
        }
      }
      centres[c] = rows[candidates[pick]].clone();
    }
    return centres;
  }

  /** A row drawn with probability proportional to {@code weight}; uniform when all are 0. */
  private static int draw(double[] weight, double total, SplittableRandom rng) {
    int n = weight.length;
    if (total <= 0) {
      return rng.nextInt(n); // every row sits on a centre already
    }
    double target = rng.nextDouble() * total;
    int pick = 0;
    for (double acc = 0; pick < n - 1; pick++) {
      acc += weight[pick];
      if (acc >= target && weight[pick] > 0) {
        break;
      }
    }
    return pick;
  }

  /**
   * The position in {@code candidates} of the one that, taken as a centre, leaves the smallest
   * {@code Σ min(nearest, 1 - cos)}; ties to the earlier one. Sums go tile by tile, in tile order.
   * Each row is read once for all candidates, four dot products at a time (each summed in the order
   * {@link Cosine#dissimilarity} sums it, so the values are its values).
   *
   * @param scored receives each candidate's {@code 1 - cos} to every row
   */
  private static int best(double[][] rows, double[] nearest, int[] candidates, double[][] scored) {
    int n = rows.length;
    int trials = candidates.length;
    for (int j = 0; j < trials; j++) {
      scored[j] = new double[n];
    }
    double[][] partial = new double[Math.ceilDiv(n, SEED_TILE)][trials];
    tiles(n)
        .forEach(
            t -> {
              double[] sum = partial[t];
              for (int i = t * SEED_TILE, end = Math.min(n, i + SEED_TILE); i < end; i++) {
                double[] r = rows[i];
                for (int j = 0; j < trials; j += 4) {
                  double[] c0 = rows[candidates[j]];
                  double[] c1 = rows[candidates[Math.min(j + 1, trials - 1)]];
                  double[] c2 = rows[candidates[Math.min(j + 2, trials - 1)]];
                  double[] c3 = rows[candidates[Math.min(j + 3, trials - 1)]];
                  double d0 = 0;
                  double d1 = 0;
                  double d2 = 0;
                  double d3 = 0;
                  for (int x = 0; x < r.length; x++) {
                    double v = r[x];
                    d0 += v * c0[x];
                    d1 += v * c1[x];
                    d2 += v * c2[x];
                    d3 += v * c3[x];
                  }
                  double[] dots = {d0, d1, d2, d3};
                  for (int q = 0; q < 4 && j + q < trials; q++) {
                    double d = Cosine.dissimilarityOfDot(dots[q]);
                    scored[j + q][i] = d;
                    sum[j + q] += Math.min(nearest[i], d);
                  }
                }
              }
            });
    int best = 0;
    double bestSum = Double.POSITIVE_INFINITY;
    for (int j = 0; j < trials; j++) {
      double sum = 0;
      for (double[] p : partial) {
        sum += p[j];
      }
      if (sum < bestSum) {
        best = j;
        bestSum = sum;
      }
    }
    return best;
  }

  /** The tiles of {@code n} rows, in parallel when there is more than one. */
  private static IntStream tiles(int n) {
    IntStream tiles = IntStream.range(0, Math.ceilDiv(n, SEED_TILE));
    return n > SEED_TILE ? tiles.parallel() : tiles;
  }

  /** Each centre becomes its rows' normalised sum; one without rows (or summing to 0) stays. */
  private static void updateCentres(double[][] rows, int[] assign, double[][] centres) {
    int dim = rows[0].length;
    double[][] sum = new double[centres.length][dim];
    for (int i = 0; i < rows.length; i++) {
      double[] s = sum[assign[i]];
      for (int j = 0; j < dim; j++) {
        s[j] += rows[i][j];
      }
    }
    for (int c = 0; c < centres.length; c++) {
      double norm = Math.sqrt(Arrays.stream(sum[c]).map(x -> x * x).sum());
      if (norm > 0) {
        for (int j = 0; j < dim; j++) {
          sum[c][j] /= norm;
        }
        centres[c] = sum[c];
      }
    }
  }

  private static double inertia(double[][] rows, int[] assign, double[][] centres) {
    double total = 0;
    for (int i = 0; i < rows.length; i++) {
      double dot = 0;
      double[] c = centres[assign[i]];
      for (int j = 0; j < c.length; j++) {
        dot += rows[i][j] * c[j];
      }
      total += 1 - dot;
    }
    return total;
  }
}
