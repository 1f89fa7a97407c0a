package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JestSelectorTest {

  /**
   * The learner's loss is the same for every candidate, so only the reference loss can separate
   * them: with a reference loss of 0 on rows 0-9 and 50 on rows 10-19, learnability is 50 higher on
   * the first half, and the 10 picks must all come from it. (An implementation that replaced the
   * reference loss with the learner's would see equal learnability and pick at random.)
   */
  @Test
  void theReferenceLossDecides() {
    float[] reference = new float[20];
    Arrays.fill(reference, 10, 20, 50f);
    int[] candidates = new int[20];
    Arrays.setAll(candidates, i -> 19 - i);
    for (int seed = 0; seed < 5; seed++) {
      JestSelector jest = new JestSelector(10, 0.5, 3, reference, seed);
      assertEquals(20, jest.candidatesPerStep());
      int[] picked = jest.select(0, 0, candidates, rows -> constant(rows.length, 2f));
      assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, picked);

      float[] swapped = new float[20];
      Arrays.fill(swapped, 0, 10, 50f);
      int[] other =
          new JestSelector(10, 0.5, 3, swapped, seed)
              .select(0, 0, candidates, rows -> constant(rows.length, 2f));
      assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, other);
    }
  }

  /** The learner's loss counts too: equal reference losses, the high-loss half wins. */
  @Test
  void theLearnerLossDecidesWhenReferencesAreEqual() {
    float[] reference = new float[20];
    int[] candidates = new int[20];
    Arrays.setAll(candidates, i -> i);
    int[] picked =
        new JestSelector(10, 0.5, 2, reference, 1)
            .select(
                0,
                0,
                candidates,
                rows -> {
                  float[] l = new float[rows.length];
                  for (int i = 0; i < rows.length; i++) {
                    l[i] = rows[i] >= 10 ? 60f : 1f;
                  }
                  return l;
                });
    assertArrayEquals(new int[] {10, 11, 12, 13, 14, 15, 16, 17, 18, 19}, picked);
  }

  @Test
  void chunksDrawDistinctPositionsDeterministically() {
    double[] score = new double[100];
    int[] a = JestSelector.pick(score, 37, 5, new SplittableRandom(9));
    int[] b = JestSelector.pick(score, 37, 5, new SplittableRandom(9));
    assertArrayEquals(a, b);
    assertEquals(37, Arrays.stream(a).distinct().count());
  }

  private static float[] constant(int n, float v) {
    float[] out = new float[n];
    Arrays.fill(out, v);
    return out;
  }
}
