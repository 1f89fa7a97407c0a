package org.winnow.prune.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.NearestNeighbours;

class LinearHeadTest {

  private final EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(4, 150, 16, 2, 0.5, 9);
  private final double[][] unit = NearestNeighbours.unitRows(data.vectors());

  @Test
  void learnsSeparableClassesFromAFewLabels() {
    int[] train = IntStream.range(0, 80).toArray();
    int[] test = IntStream.range(80, data.size()).toArray();
    LinearHead head = LinearHead.fit(unit, train, labels(train), 4);
    int[] predicted = head.predict(test);
    long right =
        IntStream.range(0, test.length).filter(i -> predicted[i] == data.labels()[test[i]]).count();
    assertTrue(right > 0.9 * test.length, right + " of " + test.length + " right");
    for (double[] p : head.probabilities(test)) {
      assertEquals(4, p.length);
      assertEquals(1, Arrays.stream(p).sum(), 1e-9);
    }
  }

  @Test
  void classesItNeverSawGetProbabilityZero() {
    // labels 1 and 3 only: a binomial model, spread over the dataset's four classes
    int[] train = IntStream.range(0, 200).filter(i -> data.labels()[i] % 2 == 1).toArray();
    LinearHead head = LinearHead.fit(unit, train, labels(train), 4);
    for (double[] p : head.probabilities(new int[] {0, 1, 2, 3})) {
      assertEquals(0, p[0]);
      assertEquals(0, p[2]);
      assertEquals(1, p[1] + p[3], 1e-9);
    }
    int[] one = {1, 5, 9};
    LinearHead single = LinearHead.fit(unit, one, labels(one), 4);
    assertArrayEquals(new double[] {0, 1, 0, 0}, single.probabilities(new int[] {7})[0]);
  }

  @Test
  void refusesLabelsOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LinearHead.fit(unit, new int[] {0, 1}, new int[] {0, 4}, 4));
    assertThrows(
        IllegalArgumentException.class, () -> LinearHead.fit(unit, new int[0], new int[0], 4));
  }

  private int[] labels(int[] rows) {
    return Arrays.stream(rows).map(r -> data.labels()[r]).toArray();
  }
}
