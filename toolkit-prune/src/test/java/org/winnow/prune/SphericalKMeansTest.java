package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SphericalKMeansTest {

  /** {@code perBlob} rows around each of {@code blobs} random unit directions, tight. */
  static double[][] blobs(int blobs, int perBlob, int dim, double spread, long seed, int[] truth) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] centres = new double[blobs][dim];
    for (double[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = r.nextGaussian();
      }
    }
    float[][] v = new float[blobs * perBlob][dim];
    for (int i = 0; i < v.length; i++) {
      truth[i] = (i * 7) % blobs; // interleaved, so that clusters are not runs of rows
      for (int j = 0; j < dim; j++) {
        v[i][j] = (float) (centres[truth[i]][j] + spread * r.nextGaussian());
      }
    }
    return Cosine.unitRows(v, SemanticSelector.identity(v.length));
  }

  @Test
  void recoversWellSeparatedClusters() {
    int[] truth = new int[6 * 50];
    double[][] unit = blobs(6, 50, 32, 0.05, 11, truth);
    SphericalKMeans.Clusters c = SphericalKMeans.fit(unit, new SphericalKMeans.Options(6, 50, 3));
    assertEquals(6, c.k());
    // The same partition up to the clusters' numbering: a one-to-one map from truth to cluster.
    Map<Integer, Integer> clusterOf = new HashMap<>();
    for (int i = 0; i < unit.length; i++) {
      int cluster = c.assignment()[i];
      assertEquals(cluster, clusterOf.computeIfAbsent(truth[i], t -> cluster), "row " + i);
    }
    assertEquals(6, new java.util.HashSet<>(clusterOf.values()).size());
    assertTrue(c.iterations() < 50, "converged: " + c.iterations());
    for (double[] centroid : c.centroids()) {
      assertEquals(1, Math.sqrt(Arrays.stream(centroid).map(x -> x * x).sum()), 1e-12);
    }
    assertEquals(direct(unit, c), c.inertia(), 1e-9);
    assertTrue(c.inertia() / unit.length < 0.01, "tight clusters: " + c.inertia());
  }

  /** The objective from its definition. */
  static double direct(double[][] unit, SphericalKMeans.Clusters c) {
    double total = 0;
    for (int i = 0; i < unit.length; i++) {
      double dot = 0;
      for (int j = 0; j < unit[i].length; j++) {
        dot += unit[i][j] * c.centroids()[c.assignment()[i]][j];
      }
      total += 1 - dot;
    }
    return total;
  }

  @Test
  void isDeterministicForASeed() {
    double[][] unit = NearestNeighboursTest.rows(400, 16, 9, 5);
    SphericalKMeans.Options o = new SphericalKMeans.Options(7, 25, 42);
    SphericalKMeans.Clusters a = SphericalKMeans.fit(unit, o);
    SphericalKMeans.Clusters b = SphericalKMeans.fit(unit, o);
    assertArrayEquals(a.assignment(), b.assignment());
    assertEquals(a.iterations(), b.iterations());
    assertEquals(a.inertia(), b.inertia());
    for (int c = 0; c < 7; c++) {
      assertArrayEquals(a.centroids()[c], b.centroids()[c]);
    }
    // Another seed starts elsewhere; the objective it reaches is a local optimum all the same.
    SphericalKMeans.Clusters other =
        SphericalKMeans.fit(unit, new SphericalKMeans.Options(7, 25, 43));
    assertEquals(direct(unit, other), other.inertia(), 1e-9);
  }

  @Test
  void oneClusterIsTheNormalisedMean() {
    double[][] unit = NearestNeighboursTest.rows(50, 8, 3, 6);
    SphericalKMeans.Clusters c = SphericalKMeans.fit(unit, new SphericalKMeans.Options(1, 10, 1));
    assertArrayEquals(new int[50], c.assignment());
    // One pass assigns everything to the centroid, the second finds nothing to change.
    assertEquals(2, c.iterations());
    double[] mean = new double[8];
    for (double[] row : unit) {
      for (int j = 0; j < 8; j++) {
        mean[j] += row[j];
      }
    }
    double norm = Math.sqrt(Arrays.stream(mean).map(x -> x * x).sum());
    for (int j = 0; j < 8; j++) {
      assertEquals(mean[j] / norm, c.centroids()[0][j], 1e-12);
    }
    assertEquals(direct(unit, c), c.inertia(), 1e-12);
  }

  @Test
  void asManyClustersAsRowsPutsEachRowAlone() {
    double[][] unit = NearestNeighboursTest.rows(20, 8, 20, 7);
    SphericalKMeans.Clusters c = SphericalKMeans.fit(unit, new SphericalKMeans.Options(20, 10, 9));
    int[] sorted = c.assignment().clone();
    Arrays.sort(sorted);
    assertArrayEquals(SemanticSelector.identity(20), sorted);
    assertEquals(0, c.inertia(), 1e-12);
  }

  @Test
  void stopsAfterMaxIterations() {
    double[][] unit = NearestNeighboursTest.rows(300, 16, 30, 8);
    SphericalKMeans.Clusters c = SphericalKMeans.fit(unit, new SphericalKMeans.Options(12, 1, 4));
    assertEquals(1, c.iterations());
    assertEquals(direct(unit, c), c.inertia(), 1e-9);
  }

  @Test
  void badOptionsFailWithOneLine() {
    NearestNeighboursTest.assertOneLine(
        () -> new SphericalKMeans.Options(0, 10, 1), "k-means needs k >= 1 clusters, not 0");
    NearestNeighboursTest.assertOneLine(
        () -> new SphericalKMeans.Options(2, 0, 1), "at least 1 iteration, not 0");
    double[][] three = NearestNeighboursTest.rows(3, 4, 3, 9);
    NearestNeighboursTest.assertOneLine(
        () -> SphericalKMeans.fit(three, new SphericalKMeans.Options(4, 10, 1)),
        "k = 4 clusters asked of 3 rows");
    NearestNeighboursTest.assertOneLine(
        () -> SphericalKMeans.fit(new double[0][], new SphericalKMeans.Options(1, 10, 1)),
        "asked of 0 rows");
    NearestNeighboursTest.assertOneLine(
        () ->
            SphericalKMeans.fit(
                new double[][] {three[0], {1, 0}}, new SphericalKMeans.Options(1, 10, 1)),
        "row 1 has 2 dimensions");
  }
}
