package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Pins SALN's selection on the reference points to NumPy's. The expected indices are the output of
 * src/test/resources/reference/reference.py (NumPy 1.24.2), which runs Algorithm 1 of Sharifi,
 * <i>Optimizing Data Curation through Spectral Analysis and Joint Batch Selection (SALN)</i>, 2024,
 * verbatim; the smallest gap between sorted |Fiedler| entries there is 6e-5, so no ties.
 */
class FiedlerReferenceTest {

  @Test
  void selectsWhatNumpySelects() {
    float[][] x = ReferencePoints.load();
    assertArrayEquals(
        new int[] {0, 5, 6, 8, 9, 12, 14, 18, 21, 23, 24, 27, 28, 29, 32, 33, 34, 35, 37, 38},
        FiedlerScorer.select(x, 0.5));
    assertArrayEquals(new int[] {6, 8, 9, 12, 14, 21, 33}, FiedlerScorer.select(x, 0.8));
    assertArrayEquals(
        new int[] {0, 3, 5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23},
        FiedlerScorer.select(Arrays.copyOf(x, 24), 0.25));
  }

  @Test
  void eigenvaluesMatchNumpys() {
    // Raw cosine similarities are partly negative, so L is not positive semi-definite.
    FiedlerScorer.Scores s = FiedlerScorer.score(ReferencePoints.load());
    assertArrayEquals(
        new double[] {-9.48236516, -4.50906909, -1.65938177},
        Arrays.copyOf(s.eigenvalues(), 3),
        1e-6);
    assertFalse(s.degenerate());
    assertEquals(40, s.score().length);
  }
}
