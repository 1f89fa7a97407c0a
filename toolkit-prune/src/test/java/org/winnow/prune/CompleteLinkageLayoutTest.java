package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * The NN chain's full-matrix layout gives exactly the tree of the triangle layout and of Smile's
 * FastPair (same merges, same float heights), and its matrix holds the triangle's values.
 */
class CompleteLinkageLayoutTest {

  private static double[][] unit(int n, int dim, long seed) {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(1, n, dim, 7, 1.0, seed);
    return Cosine.unitRows(data.vectors(), SemanticSelector.identity(n));
  }

  @Test
  void fullMatrixHoldsTheTrianglesValues() {
    double[][] unit = unit(1100, 12, 5); // more than two blocks of rows
    int n = unit.length;
    float[] tri = Cosine.dissimilarityTriangle(unit);
    float[][] full = Cosine.dissimilarityMatrix(unit);
    int k = 0;
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++, k++) {
        assertEquals(tri[k], full[i][j], 0f);
        assertEquals(tri[k], full[j][i], 0f);
      }
    }
  }

  @Test
  void layoutsAndEnginesGiveTheSameTree() {
    double[][] unit = unit(700, 8, 11);
    CompleteLinkageTree full = CompleteLinkageTree.fit(unit, CompleteLinkageTree.Engine.NN_CHAIN);
    CompleteLinkageTree triangle =
        CompleteLinkageTree.fit(unit, CompleteLinkageTree.Engine.NN_CHAIN, false);
    CompleteLinkageTree fastPair =
        CompleteLinkageTree.fit(unit, CompleteLinkageTree.Engine.FAST_PAIR);
    assertArrayEquals(triangle.height(), full.height(), 0);
    assertArrayEquals(fastPair.height(), full.height(), 0);
    for (int k : new int[] {1, 2, 50, 350, 630, 699, 700}) {
      assertArrayEquals(triangle.cut(k), full.cut(k), "k = " + k);
      assertArrayEquals(fastPair.cut(k), full.cut(k), "k = " + k);
    }
  }
}
