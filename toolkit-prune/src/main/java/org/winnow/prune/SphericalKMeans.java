package org.winnow.prune;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded spherical k-means: k-means on the unit sphere, where a point joins the centroid of highest
 * cosine similarity and a centroid is the normalised sum of its points (Dhillon and Modha,
 * <i>Concept Decompositions for Large Sparse Text Data Using Clustering</i>, 2001). The start is
 * k-means++ (Arthur and Vassilvitskii, <i>k-means++: The Advantages of Careful Seeding</i>, 2007):
 * each next centre is drawn with probability proportional to {@code 1 - cos} to the nearest centre
 * so far, which for unit rows is half the squared Euclidean distance, k-means++'s weight.
 *
 * <p>Each assignment step is one {@link NearestNeighbours} search of the rows against the centroids
 * (BLAS products; ties to the lower centroid); the loop stops when an assignment repeats or after
 * {@link Options#maxIterations()} steps. A cluster that loses all its points keeps its centroid.
 * The same rows and options always give the same clusters.
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
    return fit(unit, options.k(), options.maxIterations(), new SplittableRandom(options.seed()));
  }

  /**
   * Clusters unit rows, drawing from {@code random}, for callers that fit several times from one
   * seeded stream ({@link KMeansChunks}).
   */
  static Clusters fit(double[][] unit, int k, int maxIterations, SplittableRandom random) {
    Options checked = new Options(k, maxIterations, 0);
    int n = unit.length;
    if (n < checked.k()) {
      throw new IllegalArgumentException("k-means: k = " + k + " clusters asked of " + n + " rows");
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
    double[][] centres = kMeansPlusPlus(unit, k, random);
    int[] assign = new int[n];
    Arrays.fill(assign, -1);
    int iterations = 0;
    while (iterations < maxIterations) {
      iterations++;
      int[] next = NearestNeighbours.search(unit, centres, 1).index();
      if (Arrays.equals(next, assign)) {
        break;
      }
      assign = next;
      updateCentres(unit, assign, centres);
    }
    return new Clusters(centres, assign, iterations, inertia(unit, assign, centres));
  }

  /** k-means++ on {@code 1 - cos}: the first centre uniform, each next one by that weight. */
  private static double[][] kMeansPlusPlus(double[][] rows, int k, SplittableRandom rng) {
    int n = rows.length;
    double[][] centres = new double[k][];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    centres[0] = rows[rng.nextInt(n)].clone();
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], Cosine.dissimilarity(rows[i], centres[c - 1]));
        total += nearest[i];
      }
      int pick = 0;
      if (total > 0) {
        double target = rng.nextDouble() * total;
        for (double acc = 0; pick < n - 1; pick++) {
          acc += nearest[pick];
          if (acc >= target && nearest[pick] > 0) {
            break;
          }
        }
      } else {
        pick = rng.nextInt(n); // every row sits on a centre already
      }
      centres[c] = rows[pick].clone();
    }
    return centres;
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
