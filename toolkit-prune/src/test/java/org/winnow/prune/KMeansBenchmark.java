package org.winnow.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * Timings for BENCHMARKS.md, not a test: {@link SphericalKMeans} on {@code N} seeded unit rows of
 * dimension {@code D} ({@link SyntheticEmbeddings#gaussianClusters}, 50 blobs), {@code K} clusters:
 * the greedy k-means++ seeding ({@code 2 + ln K} candidates a centre), then Lloyd's steps from
 * those seeds (at most {@code I}), each timed, and the time per step. With a folder as fifth
 * argument it also writes the rows, the seeds and the assignment found (little-endian float64 and
 * text), for {@code kmeans_reference.py} to time scikit-learn's {@code KMeans} on the same rows and
 * compare the objectives.
 *
 * <p>Arguments: {@code N D K I [folder]}; BENCHMARKS.md has the command.
 */
public final class KMeansBenchmark {

  private KMeansBenchmark() {}

  /** Runs one warm-up on a small problem (BLAS loads, JIT), then the timed fit, twice. */
  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int k = Integer.parseInt(args[2]);
    int maxIterations = Integer.parseInt(args[3]);
    PruneBenchmark.printMachine();
    var set = SyntheticEmbeddings.gaussianClusters(1, n, dim, 50, 0.5, 1);
    double[][] unit = Cosine.unitRows(set.vectors(), SemanticSelector.identity(n));
    SphericalKMeans.fit(Arrays.copyOf(unit, 2000), new SphericalKMeans.Options(k, 5, 1));
    double[][] seeds = null;
    SphericalKMeans.Clusters found = null;
    for (int run = 1; run <= 2; run++) {
      long start = System.nanoTime();
      seeds =
          SphericalKMeans.seed(unit, k, new SplittableRandom(7), SphericalKMeans.greedyTrials(k));
      long seeded = System.nanoTime();
      found = SphericalKMeans.fit(unit, seeds, maxIterations);
      long done = System.nanoTime();
      double lloyd = (done - seeded) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "run %d: %,d x %d, K = %d: seeding %.2f s, Lloyd %.2f s for %d steps (%.3f s a step),"
              + " total %.2f s; spherical objective %.4f, Euclidean inertia %.4f%n",
          run,
          n,
          dim,
          k,
          (seeded - start) / 1e9,
          lloyd,
          found.iterations(),
          lloyd / found.iterations(),
          (done - start) / 1e9,
          found.inertia(),
          euclideanInertia(unit, found.assignment(), k));
    }
    if (args.length > 4) {
      Path dir = Path.of(args[4]);
      Files.createDirectories(dir);
      NearestNeighboursBenchmark.write(dir.resolve("x.f64"), unit);
      NearestNeighboursBenchmark.write(dir.resolve("init.f64"), seeds);
      Files.writeString(
          dir.resolve("java-assignment.txt"),
          String.join(
              "\n", Arrays.stream(found.assignment()).mapToObj(Integer::toString).toList()));
    }
  }

  /**
   * scikit-learn's objective of an assignment: the sum of squared Euclidean distances of the rows
   * to their clusters' means (not the normalised centroids), empty clusters contributing nothing.
   * On unit rows {@code |x - c|² = 2 (1 - cos)} for a unit {@code c}; the mean is the minimiser of
   * the squared distances, so this is the value the assignment gets under KMeans's own measure.
   */
  static double euclideanInertia(double[][] unit, int[] assignment, int k) {
    int dim = unit[0].length;
    double[][] mean = new double[k][dim];
    int[] count = new int[k];
    for (int i = 0; i < unit.length; i++) {
      count[assignment[i]]++;
      for (int j = 0; j < dim; j++) {
        mean[assignment[i]][j] += unit[i][j];
      }
    }
    for (int c = 0; c < k; c++) {
      for (int j = 0; j < dim; j++) {
        mean[c][j] /= Math.max(1, count[c]);
      }
    }
    double total = 0;
    for (int i = 0; i < unit.length; i++) {
      double[] m = mean[assignment[i]];
      for (int j = 0; j < dim; j++) {
        double d = unit[i][j] - m[j];
        total += d * d;
      }
    }
    return total;
  }
}
