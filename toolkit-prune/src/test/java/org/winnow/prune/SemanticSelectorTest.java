package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

class SemanticSelectorTest {

  static final SemanticSelector DEFAULT = new SemanticSelector(SemanticSelector.Options.defaults());

  @Test
  void groupsAreTheTreeCutAndKeepTheMemberClosestToTheMean() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(2, 50, 8, 3, 0.7, 21);
    Selection s = DEFAULT.select(data, List.of(0.3), Progress.NONE).getFirst();
    for (int[] rows : data.members()) {
      double[][] unit = Cosine.unitRows(data.vectors(), rows);
      int[] cut =
          CompleteLinkageTree.fit(unit, CompleteLinkageTree.Engine.NN_CHAIN)
              .cut(rows.length * 3 / 10);
      for (int i = 0; i < rows.length; i++) {
        assertEquals(cut[i], s.group()[rows[i]], "groups are the clusters, numbered by first row");
      }
      // Brute force: the representative has the largest cosine to its cluster's mean.
      for (int i = 0; i < rows.length; i++) {
        double[] mean = new double[8];
        for (int j = 0; j < rows.length; j++) {
          if (cut[j] == cut[i]) {
            for (int d = 0; d < 8; d++) {
              mean[d] += unit[j][d];
            }
          }
        }
        int rep = s.representative()[rows[i]];
        double[] repUnit = unit[java.util.Arrays.binarySearch(rows, rep)];
        assertTrue(cosine(repUnit, mean) >= cosine(unit[i], mean) - 1e-12);
      }
    }
  }

  @Test
  void exactDuplicatesTieToTheEarlierSampleAndSingletonsKeepThemselves() {
    float[][] v = {{1, 0}, {0, 1}, {1, 0}, {0.7f, 0.7f}};
    EmbeddingSet data =
        new EmbeddingSet(
            "dups",
            List.of("a", "b", "a2", "c"),
            new int[] {0, 0, 0, 1},
            List.of("x", "y"),
            v,
            new TreeMap<>());
    Selection s = DEFAULT.select(data, List.of(0.67), Progress.NONE).getFirst();
    // Class 0 keeps round(0.67 * 3) = 2: {a, a2} and {b}; a (row 0) represents its duplicate.
    assertArrayEquals(new int[] {0, 1, 0, 3}, s.representative());
    assertArrayEquals(new double[] {0, 0, 0, 0}, s.dissimilarity());
  }

  @Test
  void refusesAClassTooLargeForTheMemoryBudgetNamingIt() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(2, 1500, 4, 2, 0.5, 1);
    SemanticSelector tight =
        new SemanticSelector(
            new SemanticSelector.Options(0, 1, 3_000_000, CompleteLinkageTree.Engine.NN_CHAIN));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> tight.select(data, List.of(0.5), Progress.NONE));
    assertTrue(
        e.getMessage()
            .startsWith(
                "synthetic: class 'class0' (label 0) has 1,500 samples; clustering 1,500 at once"
                    + " needs about 11 MiB, more than the 3 MiB of heap available; pass"
                    + " --max-cluster-size "),
        e.getMessage());
    int suggested =
        Integer.parseInt(e.getMessage().replaceAll(".*--max-cluster-size (\\d+).*", "$1"));
    assertTrue(suggested > 100 && suggested < 1500, e.getMessage());

    // The way through: split classes into k-means chunks of the suggested size.
    SemanticSelector split =
        new SemanticSelector(
            new SemanticSelector.Options(
                suggested, 1, 3_000_000, CompleteLinkageTree.Engine.NN_CHAIN));
    Selection s = split.select(data, List.of(0.5), Progress.NONE).getFirst();
    assertEquals(1500, s.keptRows().length);
  }

  @Test
  void refusesMoreThanSmileCanIndex() {
    int n = SemanticSelector.MAX_POINTS + 1;
    float[][] v = new float[n][];
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      v[i] = new float[] {1, i};
      ids.add("s" + i);
    }
    EmbeddingSet data =
        new EmbeddingSet(
            "big.h5", ids, new int[n], List.of("all"), v, Collections.emptySortedMap());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DEFAULT.select(data, List.of(0.9), Progress.NONE));
    assertTrue(
        e.getMessage()
            .startsWith(
                "big.h5: class 'all' (label 0) has 46,341 samples, more than the 46,340 points"),
        e.getMessage());
  }

  @Test
  void chunksMustEachKeepOne() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(1, 100, 4, 4, 0.3, 2);
    SemanticSelector split =
        new SemanticSelector(SemanticSelector.Options.defaults().withMaxClusterSize(10));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> split.select(data, List.of(0.05), Progress.NONE));
    assertTrue(e.getMessage().contains("raise --max-cluster-size"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SemanticSelector.Options.defaults().withMaxClusterSize(1));
  }

  private static double cosine(double[] a, double[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
