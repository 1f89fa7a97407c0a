package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pins the complete-linkage partitions of the 40 reference points to SciPy's. The expected labels
 * are the output of src/test/resources/reference/reference.py (SciPy 1.10.1): {@code
 * fcluster(linkage(pdist(X, 'cosine'), 'complete'), k, 'maxclust')}, renumbered by first point. The
 * smallest gap between two pairwise distances there is 1.4e-6, far above float rounding, so the
 * partitions are free of ties.
 */
class CompleteLinkageReferenceTest {

  static final int[][] SCIPY = {
    {
      1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    },
    {
      5, 0, 1, 1, 1, 1, 2, 3, 2, 2, 3, 4, 0, 3, 1, 2, 3, 1, 0, 0, 0, 1, 2, 1, 1, 0, 1, 1, 0, 0, 2,
      1, 1, 2, 3, 2, 3, 1, 2, 2, 2
    },
    {
      12, 0, 1, 1, 1, 1, 2, 3, 2, 4, 5, 6, 7, 3, 1, 8, 9, 1, 7, 0, 0, 1, 8, 1, 10, 0, 1, 1, 0, 7, 4,
      1, 10, 4, 3, 4, 9, 1, 2, 2, 11
    },
    {
      20, 0, 1, 2, 1, 1, 3, 4, 5, 6, 7, 8, 9, 4, 1, 10, 11, 12, 13, 14, 14, 12, 10, 1, 15, 0, 2, 1,
      0, 13, 16, 1, 17, 6, 4, 6, 11, 1, 18, 18, 19
    },
    {
      36, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 3, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,
      2, 24, 25, 26, 27, 24, 28, 29, 30, 29, 31, 32, 33, 34, 35
    }
  };

  /**
   * The same for the 60 nearly parallel rows of near.csv (1 - cos from 2e-5 to 2.3e-4, merge
   * heights at least 4.2e-8 apart). Single-precision dot products carry errors of about 6e-8 in
   * {@code cos}, which changes every cut from k = 10 on here, so this pins the double-precision
   * products.
   */
  static final int[][] SCIPY_NEAR = {
    {
      5, 0, 1, 0, 1, 2, 3, 3, 2, 2, 1, 1, 0, 2, 3, 4, 1, 3, 4, 3, 1, 1, 2, 1, 4, 1, 0, 3, 2, 1, 3,
      1, 3, 4, 0, 2, 1, 1, 3, 0, 3, 3, 1, 1, 0, 4, 2, 3, 0, 4, 0, 1, 0, 0, 4, 0, 1, 1, 1, 2, 4
    },
    {
      10, 0, 1, 0, 2, 3, 4, 4, 3, 3, 5, 5, 0, 3, 4, 6, 1, 4, 6, 4, 5, 1, 3, 1, 6, 1, 7, 8, 3, 1, 4,
      1, 4, 6, 9, 3, 1, 1, 4, 9, 4, 8, 5, 5, 9, 6, 3, 4, 9, 6, 9, 5, 9, 9, 6, 9, 5, 5, 2, 3, 6
    },
    {
      20, 0, 1, 2, 3, 4, 5, 6, 7, 4, 8, 8, 2, 7, 6, 9, 1, 5, 9, 6, 10, 1, 7, 1, 9, 1, 11, 12, 7, 13,
      5, 1, 14, 15, 16, 7, 17, 1, 5, 18, 14, 12, 19, 8, 16, 15, 7, 6, 16, 15, 16, 19, 18, 18, 15,
      16, 8, 10, 3, 7, 9
    },
    {
      30, 0, 1, 2, 3, 4, 5, 6, 7, 4, 8, 9, 10, 7, 6, 11, 12, 13, 14, 6, 15, 12, 7, 12, 11, 1, 16,
      17, 7, 18, 5, 12, 19, 20, 21, 7, 22, 1, 13, 23, 24, 25, 26, 8, 27, 20, 28, 6, 27, 20, 21, 26,
      23, 23, 20, 21, 9, 29, 3, 7, 14
    },
    {
      45, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 6, 18, 15, 12, 19, 14, 1,
      20, 21, 22, 23, 5, 19, 24, 25, 26, 27, 28, 1, 16, 29, 30, 31, 32, 33, 34, 35, 36, 37, 34, 35,
      38, 32, 39, 40, 25, 26, 41, 42, 43, 12, 44
    },
    {
      54, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 6, 18, 19, 12, 20, 14, 21,
      22, 23, 24, 25, 5, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44,
      45, 46, 47, 48, 28, 29, 49, 50, 51, 52, 53
    },
  };

  @ParameterizedTest
  @EnumSource(CompleteLinkageTree.Engine.class)
  void nearlyParallelPartitionsEqualScipys(CompleteLinkageTree.Engine engine) {
    float[][] near = ReferencePoints.load("near.csv");
    assertEquals(60, near.length);
    CompleteLinkageTree tree =
        CompleteLinkageTree.fit(Cosine.unitRows(near, SemanticSelector.identity(60)), engine);
    for (int[] row : SCIPY_NEAR) {
      int k = row[0];
      assertArrayEquals(Arrays.copyOfRange(row, 1, row.length), tree.cut(k), "k = " + k);
    }
  }

  @ParameterizedTest
  @EnumSource(CompleteLinkageTree.Engine.class)
  void partitionsEqualScipys(CompleteLinkageTree.Engine engine) {
    CompleteLinkageTree tree = CompleteLinkageTree.fit(ReferencePoints.unit(), engine);
    assertEquals(40, tree.size());
    for (int[] row : SCIPY) {
      int k = row[0];
      assertArrayEquals(Arrays.copyOfRange(row, 1, row.length), tree.cut(k), "k = " + k);
    }
    // SciPy's first merge: points 3 and 13 at 1 - cos = 0.0192602551.
    assertEquals(0.0192602551, tree.height()[0], 1e-7);
    assertEquals(Math.min(tree.left()[0], tree.right()[0]), 3);
    assertEquals(Math.max(tree.left()[0], tree.right()[0]), 13);
  }

  @ParameterizedTest
  @EnumSource(CompleteLinkageTree.Engine.class)
  void cutsAreMonotoneAndBounded(CompleteLinkageTree.Engine engine) {
    CompleteLinkageTree tree = CompleteLinkageTree.fit(ReferencePoints.unit(), engine);
    for (int m = 1; m < tree.height().length; m++) {
      assertEquals(true, tree.height()[m] >= tree.height()[m - 1]);
    }
    int[] singletons = tree.cut(40);
    assertArrayEquals(SemanticSelector.identity(40), singletons);
    assertThrows(IllegalArgumentException.class, () -> tree.cut(0));
    assertThrows(IllegalArgumentException.class, () -> tree.cut(41));
  }
}
