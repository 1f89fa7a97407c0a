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
