package org.winnow.prune.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.NearestNeighbours;
import org.winnow.prune.PythonReference;

/**
 * The scores and the SEALS candidate pool against NumPy on fixed probabilities and embeddings:
 * entropy, margin and information density (the density as the plain mean of pairwise cosines, not
 * the linear-time form), and the candidate set as the union of an exact k-NN ({@code argsort} of
 * {@code U @ U.T}) over the labelled rows, less those rows.
 */
class ActiveReferenceTest {

  @TempDir Path dir;

  private static final String SCORES =
      PythonReference.script(
          List.of(),
          List.of("u"),
          "c, beta = int(sys.argv[3]), float(sys.argv[4])",
          "p = np.fromfile(sys.argv[1] + '/p.f64', dtype='<f8').reshape(-1, c)",
          "lab = np.loadtxt(sys.argv[1] + '/labelled.txt', dtype=np.int64, ndmin=1)",
          "pool = np.setdiff1d(np.arange(len(u)), lab)",
          "logp = np.log(np.where(p > 0, p, 1))",
          "ent = -(p * logp).sum(1)",
          "s = np.sort(p, 1)",
          "margin = 1 - (s[:, -1] - s[:, -2])",
          "dens = (u[pool] @ u[pool].T).mean(1)",
          "idd = ent[pool] * np.maximum(dens, 0) ** beta",
          "np.savetxt(sys.argv[1] + '/ent.txt', ent, fmt='%.17g')",
          "np.savetxt(sys.argv[1] + '/margin.txt', margin, fmt='%.17g')",
          "np.savetxt(sys.argv[1] + '/id.txt', idd, fmt='%.17g')");

  private static final String SEALS =
      PythonReference.script(
          List.of(),
          List.of("u"),
          "k = int(sys.argv[3])",
          "lab = np.loadtxt(sys.argv[1] + '/labelled.txt', dtype=np.int64, ndmin=1)",
          "s = u[lab] @ u.T",
          "s[np.arange(len(lab)), lab] = -np.inf",
          "nn = np.argsort(-s, axis=1, kind='stable')[:, :k]",
          "cand = np.setdiff1d(np.unique(nn), lab)",
          "np.savetxt(sys.argv[1] + '/candidates.txt', cand, fmt='%d')");

  @Test
  void scoresEqualNumpy() throws Exception {
    int n = 300;
    int dim = 16;
    int classes = 5;
    double[][] unit = unit(n, dim, 3);
    double[][] p = new double[n][classes];
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        // some exact zeros and near-ties, where entropy and margin are easiest to get wrong
        p[i][c] = i % 7 == 0 && c > 1 ? 0 : -Math.log(1 - r.nextDouble());
        sum += p[i][c];
      }
      for (int c = 0; c < classes; c++) {
        p[i][c] /= sum;
      }
    }
    int[] labelled = IntStream.range(0, n).filter(i -> i % 5 == 2).toArray();
    PythonReference.writeF64(dir.resolve("u.f64"), unit);
    PythonReference.writeF64(dir.resolve("p.f64"), p);
    writeRows(dir.resolve("labelled.txt"), labelled);
    double beta = 1.5;
    PythonReference.run(
        SCORES, "numpy", dir.toString(), "" + dim, "" + classes, Double.toString(beta));

    double[] ent = read(dir.resolve("ent.txt"));
    double[] margin = read(dir.resolve("margin.txt"));
    for (int i = 0; i < n; i++) {
      assertEquals(ent[i], Scores.maxEnt(p[i]), 1e-12, "entropy of row " + i);
      assertEquals(margin[i], Scores.margin(p[i]), 1e-12, "margin of row " + i);
    }
    int[] pool = Acquisition.unlabelled(n, labelled);
    double[] id = read(dir.resolve("id.txt"));
    double[] mean = new PoolDensity(unit).unlabelledMean(labelled);
    ProbabilityModel fixed = fixed(p);
    double[] scored =
        Acquisition.scores(
            unit,
            pool,
            labelled,
            fixed,
            new PoolDensity(unit),
            new Acquisition.Settings(Strategy.ID, beta, 10, 1));
    for (int i = 0; i < pool.length; i++) {
      double expected = id[i];
      assertEquals(
          expected,
          Scores.informationDensity(
              Scores.maxEnt(p[pool[i]]), Scores.dot(unit[pool[i]], mean), beta),
          1e-12);
      assertEquals(expected, scored[i], 1e-12, "information density of row " + pool[i]);
    }
  }

  @Test
  void sealsCandidatesEqualNumpyExactKnn() throws Exception {
    int n = 800;
    int dim = 24;
    int k = 7;
    double[][] unit = unit(n, dim, 5);
    int[] first = {3, 50, 51, 400, 799};
    int[] second = {0, 51, 120, 121, 122, 600};
    int[] third = IntStream.range(200, 260).toArray();
    SealsPool pool = new SealsPool(NeighbourIndex.exact(unit), n, k);
    // grown label batch by label batch, as rounds grow it
    for (int[] batch : List.of(first, second, third)) {
      pool.label(batch);
    }
    int[] all =
        IntStream.concat(
                IntStream.concat(IntStream.of(first), IntStream.of(second)), IntStream.of(third))
            .distinct()
            .toArray();
    PythonReference.writeF64(dir.resolve("u.f64"), unit);
    writeRows(dir.resolve("labelled.txt"), all);
    PythonReference.run(SEALS, "numpy", dir.toString(), "" + dim, "" + k);
    int[] expected =
        Files.readAllLines(dir.resolve("candidates.txt")).stream()
            .mapToInt(Integer::parseInt)
            .toArray();
    assertArrayEquals(expected, pool.candidates());
    assertEquals(all.length, pool.searched());
    // every labelled row left the pool, and the pool is a small part of the set
    assertEquals(
        0,
        Arrays.stream(pool.candidates())
            .filter(c -> Arrays.stream(all).anyMatch(a -> a == c))
            .count());
  }

  static ProbabilityModel fixed(double[][] p) {
    return new ProbabilityModel() {
      @Override
      public double[][] probabilities(int[] rows) {
        return Arrays.stream(rows).mapToObj(r -> p[r]).toArray(double[][]::new);
      }

      @Override
      public String name() {
        return "fixed";
      }
    };
  }

  static double[][] unit(int n, int dim, long seed) {
    return NearestNeighbours.unitRows(
        SyntheticEmbeddings.gaussianClusters(4, Math.ceilDiv(n, 4), dim, 3, 0.6, seed).vectors());
  }

  private static void writeRows(Path file, int[] rows) throws IOException {
    Files.writeString(
        file, String.join("\n", Arrays.stream(rows).mapToObj(Integer::toString).toList()) + "\n");
  }

  private static double[] read(Path file) throws IOException {
    return Files.readAllLines(file).stream().mapToDouble(Double::parseDouble).toArray();
  }
}
