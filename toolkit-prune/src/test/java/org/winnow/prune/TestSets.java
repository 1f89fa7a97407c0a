package org.winnow.prune;

import java.util.ArrayList;
import java.util.List;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/** Small embedding sets with uneven classes, shared by the tests. */
final class TestSets {

  private TestSets() {}

  /**
   * Gaussian clusters with classes of 40, 12, 1 and 25 samples, interleaved as the generator makes
   * them.
   */
  static EmbeddingSet uneven(long seed) {
    return subset(
        SyntheticEmbeddings.gaussianClusters(4, 40, 16, 3, 0.5, seed), new int[] {40, 12, 1, 25});
  }

  /** The first {@code sizes[c]} samples of each class c, in dataset order. */
  static EmbeddingSet subset(EmbeddingSet full, int[] sizes) {
    int[] taken = new int[sizes.length];
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < full.size(); i++) {
      int label = full.labels()[i];
      if (taken[label] < sizes[label]) {
        taken[label]++;
        rows.add(i);
      }
    }
    float[][] vectors = new float[rows.size()][];
    int[] labels = new int[rows.size()];
    List<String> ids = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      vectors[r] = full.vectors()[rows.get(r)];
      labels[r] = full.labels()[rows.get(r)];
      ids.add(full.ids().get(rows.get(r)));
    }
    return new EmbeddingSet(
        full.source(), ids, labels, full.classNames(), vectors, full.attributes());
  }
}
