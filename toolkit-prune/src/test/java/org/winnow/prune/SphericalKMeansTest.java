package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  /** Blocks of rows, the last one partial, assign as one exact search over all rows does. */
  @Test
  void assignmentAcrossBlocksIsTheNearestCentroid() {
    double[][] unit = NearestNeighboursTest.rows(9000, 8, 40, 12);
    for (int k : new int[] {1, 3, 600}) {
      assertTrue(SphericalKMeans.assignBlock(k) < unit.length, "two blocks or more");
      double[][] centres = SphericalKMeans.seed(unit, k, new SplittableRandom(k), 1);
      assertArrayEquals(
          NearestNeighbours.search(unit, centres, 1).index(),
          SphericalKMeans.assign(unit, centres),
          "k = " + k);
    }
    assertEquals(8192, SphericalKMeans.assignBlock(100));
    assertEquals(512, SphericalKMeans.assignBlock(100_000));
  }

  @Test
  void fitFromGivenCentroidsRefusesAnotherDimension() {
    double[][] unit = NearestNeighboursTest.rows(10, 4, 2, 9);
    NearestNeighboursTest.assertOneLine(
        () -> SphericalKMeans.fit(unit, new double[][] {unit[0], {1, 0}}, 5),
        "centroid 1 has 2 dimensions, the rows 4");
    // The given centroids are copied, not updated in place.
    double[][] initial = {unit[0].clone(), unit[1].clone()};
    SphericalKMeans.fit(unit, initial, 5);
    assertArrayEquals(unit[0], initial[0]);
  }

  /**
   * Lloyd's steps from the same initial centroids equal a NumPy spherical Lloyd's ({@code
   * /usr/bin/python3}): assignment by {@code argmax(X @ C.T)} (ties to the lower centroid), each
   * centroid the normalised sum of its rows (kept when it has none), until an assignment repeats.
   * Same steps, same assignment, centroids equal up to the order of the sums.
   */
  @Test
  void lloydFromTheSameCentroidsEqualsNumpys(@TempDir Path dir) throws Exception {
    PythonReference.requirePython();
    int dim = 24;
    double[][] unit = NearestNeighboursTest.rows(2000, dim, 12, 41);
    // Overlapping blobs and more centroids than blobs: many steps, and rows that change sides.
    double[][] initial = SphericalKMeans.seed(unit, 16, new SplittableRandom(5), 1);
    SphericalKMeans.Clusters c = SphericalKMeans.fit(unit, initial, 100);
    assertTrue(c.iterations() > 3, "steps: " + c.iterations());
    PythonReference.writeF64(dir.resolve("x.f64"), unit);
    PythonReference.writeF64(dir.resolve("c.f64"), initial);
    String script =
        PythonReference.script(
            List.of(),
            List.of("x", "c"),
            "assign = np.full(len(x), -1)",
            "steps = 0",
            "while steps < 100:",
            "    steps += 1",
            "    nxt = np.argmax(x @ c.T, axis=1)",
            "    if (nxt == assign).all():",
            "        break",
            "    assign = nxt",
            "    for j in range(len(c)):",
            "        s = x[assign == j].sum(axis=0)",
            "        norm = np.linalg.norm(s)",
            "        if norm > 0:",
            "            c[j] = s / norm",
            "print(steps)",
            "print(' '.join(map(str, assign)))",
            "print(' '.join('%.17g' % v for v in c.ravel()))");
    List<String> lines =
        PythonReference.run(script, "numpy", dir.toString(), Integer.toString(dim))
            .lines()
            .toList();
    assertEquals(Integer.parseInt(lines.get(0)), c.iterations());
    assertArrayEquals(
        Arrays.stream(lines.get(1).split(" ")).mapToInt(Integer::parseInt).toArray(),
        c.assignment());
    double[] centroids =
        Arrays.stream(lines.get(2).split(" ")).mapToDouble(Double::parseDouble).toArray();
    for (int k = 0; k < c.k(); k++) {
      assertArrayEquals(
          Arrays.copyOfRange(centroids, k * dim, (k + 1) * dim), c.centroids()[k], 1e-12);
    }
  }

  /**
   * The objective reached is within 1% of scikit-learn's {@code KMeans(init="k-means++")} (one
   * initialisation, as ours), compared under scikit-learn's own measure: on unit rows, our
   * assignment scored as the sum of squared Euclidean distances to its clusters' means ({@link
   * KMeansBenchmark#euclideanInertia}), against {@code inertia_}. Spherical k-means minimises
   * {@code Σ 1 - cos} to unit centroids, half the squared distance to them; the means score an
   * assignment at its best under the Euclidean measure, so the comparison cannot favour ours. Plain
   * k-means++ (one draw a centre) reached scikit-learn's optimum for 2 seeds of 12 here and fails
   * this test; greedy k-means++ passes it.
   */
  @Test
  void objectiveIsWithinOnePercentOfScikitLearns(@TempDir Path dir) throws Exception {
    PythonReference.requirePython();
    int dim = 32;
    int k = 10;
    double[][] unit = NearestNeighboursTest.rows(3000, dim, 10, 77);
    PythonReference.writeF64(dir.resolve("x.f64"), unit);
    String script =
        PythonReference.script(
                List.of("from sklearn.cluster import KMeans"),
                List.of("x"),
                "k = int(sys.argv[3])",
                "for seed in range(SEEDS):",
                "    km = KMeans(k, init='k-means++', n_init=1, random_state=seed).fit(x)",
                "    print('%.17g' % km.inertia_)")
            .replace("SEEDS", Integer.toString(SEEDS));
    double[] sklearn =
        PythonReference.run(
                script, "scikit-learn", dir.toString(), Integer.toString(dim), Integer.toString(k))
            .lines()
            .mapToDouble(Double::parseDouble)
            .toArray();
    double[] ours = new double[SEEDS];
    for (int seed = 0; seed < SEEDS; seed++) {
      SphericalKMeans.Clusters c =
          SphericalKMeans.fit(unit, new SphericalKMeans.Options(k, 100, seed));
      ours[seed] = KMeansBenchmark.euclideanInertia(unit, c.assignment(), k);
    }
    Arrays.sort(sklearn);
    Arrays.sort(ours);
    String all = "ours " + Arrays.toString(ours) + ", scikit-learn " + Arrays.toString(sklearn);
    // The median run of each, and the best.
    assertEquals(1, ours[SEEDS / 2] / sklearn[SEEDS / 2], 0.01, all);
    assertEquals(1, ours[0] / sklearn[0], 0.01, all);
  }

  /** Fits of each implementation in the comparison with scikit-learn, one seed each. */
  private static final int SEEDS = 9;
}
