package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class NearestNeighboursTest {

  @TempDir Path dir;

  /** Unit rows around {@code centres} random centres, with Gaussian noise, from {@code seed}. */
  static double[][] rows(int n, int dim, int centres, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] c = new double[centres][dim];
    for (double[] row : c) {
      for (int j = 0; j < dim; j++) {
        row[j] = r.nextGaussian();
      }
    }
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      double[] centre = c[r.nextInt(centres)];
      for (int j = 0; j < dim; j++) {
        v[i][j] = (float) (centre[j] + 0.4 * r.nextGaussian());
      }
    }
    return Cosine.unitRows(v, SemanticSelector.identity(n));
  }

  /** The k most similar base rows by a plain loop: sort by similarity, then by row. */
  static int[] bruteForce(double[] query, double[][] base, int k, int self) {
    Integer[] order = new Integer[base.length];
    double[] s = new double[base.length];
    for (int j = 0; j < base.length; j++) {
      order[j] = j;
      for (int d = 0; d < query.length; d++) {
        s[j] += query[d] * base[j][d];
      }
    }
    java.util.Arrays.sort(
        order, (a, b) -> s[a] != s[b] ? Double.compare(s[b], s[a]) : Integer.compare(a, b));
    return java.util.Arrays.stream(order)
        .mapToInt(i -> i)
        .filter(i -> i != self)
        .limit(k)
        .toArray();
  }

  @Test
  void findsWhatABruteForceLoopFinds() {
    double[][] base = rows(700, 24, 30, 1);
    double[][] queries = rows(150, 24, 30, 2);
    // Small blocks cross query and base block boundaries; the default blocks hold everything.
    for (NearestNeighbours.Neighbours found :
        List.of(
            NearestNeighbours.search(queries, base, 7),
            NearestNeighbours.search(queries, base, 7, null, 64, 100))) {
      assertEquals(150, found.queries());
      for (int q = 0; q < queries.length; q++) {
        int[] expected = bruteForce(queries[q], base, 7, -1);
        for (int r = 0; r < 7; r++) {
          assertEquals(expected[r], found.index(q, r), "query " + q + " rank " + r);
          double dot = 0;
          for (int d = 0; d < 24; d++) {
            dot += queries[q][d] * base[expected[r]][d];
          }
          assertEquals(dot, found.similarity(q, r), 1e-12);
          if (r > 0) {
            assertTrue(found.similarity(q, r - 1) >= found.similarity(q, r));
          }
        }
      }
    }
  }

  @Test
  void breaksTiesByTheLowerRowAndIsDeterministic() {
    // The 16 sign patterns of (±0.5, ±0.5, ±0.5, ±0.5): unit rows whose dot products (-1, -0.5, 0,
    // 0.5, 1) are exact in any summation order, so ties are real ties. The base holds each twice.
    double[][] patterns = new double[16][4];
    for (int p = 0; p < 16; p++) {
      for (int d = 0; d < 4; d++) {
        patterns[p][d] = (p >> d & 1) == 0 ? 0.5 : -0.5;
      }
    }
    double[][] base = new double[32][];
    for (int i = 0; i < 32; i++) {
      base[i] = patterns[i % 16];
    }
    for (int[] blocks : new int[][] {{3, 5}, {16, 32}, {512, 8192}}) {
      NearestNeighbours.Neighbours n =
          NearestNeighbours.search(patterns, base, 12, null, blocks[0], blocks[1]);
      for (int q = 0; q < 16; q++) {
        assertArrayEquals(
            bruteForce(patterns[q], base, 12, -1),
            java.util.Arrays.copyOfRange(n.index(), q * 12, q * 12 + 12),
            "query " + q);
        assertEquals(q, n.index(q, 0));
        assertEquals(q + 16, n.index(q, 1));
      }
      NearestNeighbours.Neighbours again =
          NearestNeighbours.search(patterns, base, 12, null, blocks[0], blocks[1]);
      assertArrayEquals(n.index(), again.index());
      assertArrayEquals(n.similarity(), again.similarity());
    }
  }

  @Test
  void withinOneSetLeavesEachQueryOwnRowOut() {
    double[][] unit = rows(300, 16, 12, 4);
    unit[7] = unit[3]; // an exact duplicate: row 3's nearest is then row 7, and vice versa
    int[] queries = {3, 7, 0, 299, 3};
    for (NearestNeighbours.Neighbours n :
        List.of(
            NearestNeighbours.searchWithin(unit, queries, 5),
            NearestNeighbours.search(
                new double[][] {unit[3], unit[7], unit[0], unit[299], unit[3]},
                unit,
                5,
                queries,
                2,
                50))) {
      for (int q = 0; q < queries.length; q++) {
        int[] expected = bruteForce(unit[queries[q]], unit, 5, queries[q]);
        for (int r = 0; r < 5; r++) {
          assertNotEquals(queries[q], n.index(q, r));
          assertEquals(expected[r], n.index(q, r), "query " + q + " rank " + r);
        }
      }
      assertEquals(7, n.index(0, 0));
      assertEquals(3, n.index(1, 0));
      assertEquals(1.0, n.similarity(0, 0), 1e-12);
    }
  }

  @Test
  void noQueriesGiveAnEmptyResult() {
    NearestNeighbours.Neighbours n = NearestNeighbours.search(new double[0][], rows(3, 4, 1, 5), 2);
    assertEquals(0, n.queries());
    assertEquals(2, n.k());
  }

  @Test
  void badArgumentsFailWithOneLine() {
    double[][] base = rows(4, 3, 2, 6);
    assertOneLine(() -> NearestNeighbours.search(base, base, 0), "k must be at least 1");
    assertOneLine(() -> NearestNeighbours.search(base, base, 5), "of a base of 4 rows");
    assertOneLine(
        () -> NearestNeighbours.searchWithin(base, new int[] {0}, 4), "only 3 other rows");
    assertOneLine(
        () -> NearestNeighbours.searchWithin(base, new int[] {4}, 1), "query row 4 is not a row");
    assertOneLine(
        () -> NearestNeighbours.search(new double[][] {{1, 0}}, base, 1),
        "query row 0 has 2 dimensions, the base 3");
    double[][] ragged = {base[0], {1, 0}};
    assertOneLine(() -> NearestNeighbours.search(base, ragged, 1), "base row 1 has 2 dimensions");
    NearestNeighbours.Neighbours n = NearestNeighbours.search(base, base, 2);
    assertThrows(IndexOutOfBoundsException.class, () -> n.index(4, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> n.index(0, 2));
  }

  static void assertOneLine(Executable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /**
   * scikit-learn's brute-force cosine neighbours, when {@code /usr/bin/python3} has it (Debian:
   * {@code apt-get install python3-sklearn}; CI installs it): the same rows and, up to rounding,
   * the same distances {@code 1 - cos}, both across a set and within one ({@code kneighbors()}
   * without queries leaves each point out, as {@link NearestNeighbours#searchWithin} does).
   */
  @Test
  void agreesWithScikitLearn() throws Exception {
    PythonReference.requirePython();
    int dim = 32;
    double[][] base = rows(900, dim, 40, 7);
    double[][] queries = rows(260, dim, 40, 8);
    PythonReference.writeF64(dir.resolve("base.f64"), base);
    PythonReference.writeF64(dir.resolve("queries.f64"), queries);
    String script =
        PythonReference.script(
            List.of("from sklearn.neighbors import NearestNeighbors"),
            List.of("base", "queries"),
            "nn = NearestNeighbors(n_neighbors=6, metric='cosine', algorithm='brute').fit(base)",
            "for name, (dist, ind) in (('across', nn.kneighbors(queries)),"
                + " ('within', nn.kneighbors())):",
            "    with open(sys.argv[1] + '/' + name + '.txt', 'w') as f:",
            "        for row_d, row_i in zip(dist, ind):",
            "            f.write(' '.join('%d:%.17g' % (i, x) for i, x in zip(row_i, row_d)) + '\\n')");
    PythonReference.run(script, "numpy or scikit-learn", dir.toString(), Integer.toString(dim));

    check(dir.resolve("across.txt"), NearestNeighbours.search(queries, base, 6));
    check(
        dir.resolve("within.txt"),
        NearestNeighbours.searchWithin(base, SemanticSelector.identity(base.length), 6));
  }

  private static void check(Path sklearn, NearestNeighbours.Neighbours found) throws IOException {
    List<String> lines = Files.readAllLines(sklearn);
    assertEquals(found.queries(), lines.size());
    for (int q = 0; q < lines.size(); q++) {
      String[] cells = lines.get(q).split(" ");
      assertEquals(found.k(), cells.length);
      for (int r = 0; r < cells.length; r++) {
        String[] pair = cells[r].split(":");
        assertEquals(Integer.parseInt(pair[0]), found.index(q, r), sklearn + " query " + q);
        assertEquals(Double.parseDouble(pair[1]), 1 - found.similarity(q, r), 1e-12);
      }
    }
  }
}
