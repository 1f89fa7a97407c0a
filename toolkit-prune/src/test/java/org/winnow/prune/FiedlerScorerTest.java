package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FiedlerScorerTest {

  @Test
  void tinyBatches() {
    assertArrayEquals(new int[0], FiedlerScorer.select(new float[0][], 0));
    assertArrayEquals(new int[] {0}, FiedlerScorer.select(new float[][] {{1, 2}}, 1));
    // Two rows score the same: the earlier one wins the tie.
    assertArrayEquals(new int[] {0}, FiedlerScorer.select(new float[][] {{1, 0}, {0.6f, 0.8f}}, 1));
    // Algorithm 1 keeps int(n (1 - r)): int(3 * 0.5) = 1; a count of 0 keeps nothing.
    float[][] three = {{1, 0}, {0, 1}, {1, 1}};
    assertEquals(1, FiedlerScorer.select(three, 0.5).length);
    assertArrayEquals(new int[0], FiedlerScorer.select(three, 1.0));
    assertEquals(3, FiedlerScorer.select(three, 0.0).length);
    assertThrows(IllegalArgumentException.class, () -> FiedlerScorer.select(three, 1.5));
    assertThrows(IllegalArgumentException.class, () -> FiedlerScorer.select(three, 4));
  }

  @Test
  void repeatedSecondEigenvalueIsScoredBasisFree() {
    // Identical rows: S is all ones, L = nI - J, eigenvalues 0 and n (n - 1 times). Every row
    // has the same length sqrt(1 - 1/n) in the eigenspace, so the earliest rows win.
    float[][] same = new float[6][];
    Arrays.fill(same, new float[] {0.3f, 0.4f});
    FiedlerScorer.Scores s = FiedlerScorer.score(same);
    assertTrue(s.degenerate());
    for (double x : s.score()) {
      assertEquals(Math.sqrt(1 - 1.0 / 6), x, 1e-9);
    }
    assertArrayEquals(new int[] {0, 1, 2}, FiedlerScorer.select(same, 3));
  }

  @Test
  void zeroVectorsAreIsolatedNotErrors() {
    float[][] batch = {{1, 0}, {0, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f}};
    FiedlerScorer.Scores s = FiedlerScorer.score(batch);
    assertEquals(5, s.score().length);
    for (double x : s.score()) {
      assertTrue(Double.isFinite(x));
    }
  }

  @Test
  void followsPermutationsOfTheBatchAndIgnoresScale() {
    float[][] x = ReferencePoints.load();
    float[][] batch = Arrays.copyOf(x, 30);
    int[] chosen = FiedlerScorer.select(batch, 10);
    int[] perm = RandomSelector.permutation(30, 4);
    float[][] permuted = new float[30][];
    for (int i = 0; i < 30; i++) {
      permuted[i] = batch[perm[i]].clone();
      for (int j = 0; j < permuted[i].length; j++) {
        permuted[i][j] *= 3; // cosine does not see scale
      }
    }
    int[] back =
        Arrays.stream(FiedlerScorer.select(permuted, 10)).map(i -> perm[i]).sorted().toArray();
    assertArrayEquals(chosen, back);
    assertFalse(FiedlerScorer.score(batch).degenerate());
  }
}
