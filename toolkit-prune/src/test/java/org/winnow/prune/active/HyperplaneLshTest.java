package org.winnow.prune.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HyperplaneLshTest {

  /** The share of exact neighbours an approximate search found, over all queries. */
  static double recall(int[] approximate, int[] exact, int k) {
    long hit = 0;
    for (int a = 0; a < exact.length; a += k) {
      int[] truth = Arrays.copyOfRange(exact, a, a + k);
      Arrays.sort(truth);
      for (int i = a; i < a + k; i++) {
        if (approximate[i] >= 0 && Arrays.binarySearch(truth, approximate[i]) >= 0) {
          hit++;
        }
      }
    }
    return hit / (double) exact.length;
  }

  @Test
  void findsMostExactNeighboursNearestFirst() {
    double[][] unit = ActiveReferenceTest.unit(6000, 32, 11);
    int[] queries = IntStream.range(0, 6000).filter(i -> i % 60 == 0).toArray();
    int k = 20;
    HyperplaneLsh lsh = HyperplaneLsh.build(unit, HyperplaneLsh.Options.defaults(1));
    int[] found = lsh.neighbours(queries, k);
    int[] exact = NeighbourIndex.exact(unit).neighbours(queries, k);
    double recall = recall(found, exact, k);
    assertTrue(recall > 0.8, "recall@" + k + " = " + recall);
    for (int q = 0; q < queries.length; q++) {
      double last = Double.POSITIVE_INFINITY;
      for (int r = 0; r < k; r++) {
        int row = found[q * k + r];
        if (row < 0) {
          continue;
        }
        assertTrue(row != queries[q], "the query is not its own neighbour");
        double s = Scores.dot(unit[queries[q]], unit[row]);
        assertTrue(s <= last, "nearest first");
        last = s;
      }
    }
    // a fixed seed gives the same index
    assertArrayEquals(
        found, HyperplaneLsh.build(unit, HyperplaneLsh.Options.defaults(1)).neighbours(queries, k));
    // one table of few bits gathers most rows: close to exact
    int[] coarse =
        HyperplaneLsh.build(unit, new HyperplaneLsh.Options(1, 2, 3)).neighbours(queries, k);
    assertEquals(1.0, recall(coarse, exact, k), 0.05);
  }

  @Test
  void refusesABadShape() {
    assertThrows(IllegalArgumentException.class, () -> new HyperplaneLsh.Options(0, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> new HyperplaneLsh.Options(4, 31, 1));
  }
}
