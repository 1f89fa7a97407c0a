package org.winnow.prune;

/**
 * Fills the group, representative and dissimilarity of the samples of one class into a selection
 * being built. Classes write disjoint rows, so several may fill the same arrays at once.
 *
 * @param group see {@link Selection#group()}
 * @param representative see {@link Selection#representative()}
 * @param dissimilarity see {@link Selection#dissimilarity()}
 */
record Groups(int[] group, int[] representative, double[] dissimilarity) {

  /** Empty arrays for {@code n} samples. */
  static Groups of(int n) {
    return new Groups(new int[n], new int[n], new double[n]);
  }

  /** The finished selection. */
  Selection toSelection(String method, double fraction) {
    return new Selection(method, fraction, group, representative, dissimilarity);
  }

  /**
   * Clusters become groups. Each keeps the member with the highest cosine similarity to the
   * cluster's mean embedding (Birodkar et al. 2019, section 3.2, "closest to the cluster center");
   * ties go to the earlier sample. Since all members of a cluster share the mean's length, the
   * highest {@code u · sum} is the highest cosine.
   *
   * @param rows the class's dataset rows, ascending
   * @param unit their unit embeddings
   * @param label each member's cluster, 0..k-1
   * @param k the number of clusters
   * @param firstGroup the group number of cluster 0
   */
  void fromClusters(int[] rows, double[][] unit, int[] label, int k, int firstGroup) {
    int dim = unit.length == 0 ? 0 : unit[0].length;
    double[][] sum = new double[k][dim];
    for (int i = 0; i < rows.length; i++) {
      double[] s = sum[label[i]];
      double[] u = unit[i];
      for (int j = 0; j < dim; j++) {
        s[j] += u[j];
      }
    }
    int[] best = new int[k];
    double[] bestScore = new double[k];
    java.util.Arrays.fill(best, -1);
    for (int i = 0; i < rows.length; i++) {
      int c = label[i];
      double score = Cosine.dot(unit[i], sum[c]);
      if (best[c] < 0 || score > bestScore[c]) {
        best[c] = i;
        bestScore[c] = score;
      }
    }
    for (int i = 0; i < rows.length; i++) {
      int rep = best[label[i]];
      group[rows[i]] = firstGroup + label[i];
      representative[rows[i]] = rows[rep];
      dissimilarity[rows[i]] = i == rep ? 0 : Cosine.dissimilarity(unit[i], unit[rep]);
    }
  }

  /**
   * Every kept sample is its own group's representative; every other sample joins the kept sample
   * of its class with the highest cosine similarity (ties to the earlier kept sample).
   *
   * @param rows the class's dataset rows, ascending
   * @param unit their unit embeddings
   * @param kept positions in {@code rows} of the kept samples, ascending; group g is kept[g]
   */
  void nearestKept(int[] rows, double[][] unit, int[] kept) {
    double[][] refs = new double[kept.length][];
    for (int g = 0; g < kept.length; g++) {
      refs[g] = unit[kept[g]];
    }
    int[] nearest = NearestNeighbours.search(unit, refs, 1).index();
    for (int i = 0; i < rows.length; i++) {
      int g = nearest[i];
      group[rows[i]] = g;
      representative[rows[i]] = rows[kept[g]];
      dissimilarity[rows[i]] = Cosine.dissimilarity(unit[i], unit[kept[g]]);
    }
    for (int g = 0; g < kept.length; g++) {
      // A kept sample represents itself even when an exact duplicate was kept before it.
      int i = kept[g];
      group[rows[i]] = g;
      representative[rows[i]] = rows[i];
      dissimilarity[rows[i]] = 0;
    }
  }

  /**
   * Prototype groups ({@link Selection.Kind#CLUSTER_DIFFICULTY}): each sample's group is its
   * k-means cluster and its dissimilarity its difficulty; its representative is, as {@link
   * #nearestKept} finds it, the kept sample of its class most similar to it (itself when kept).
   *
   * @param rows the class's dataset rows, ascending
   * @param unit their unit embeddings
   * @param kept positions in {@code rows} of the kept samples, ascending
   * @param cluster each row's cluster
   * @param firstGroup the group number of cluster 0
   * @param difficulty each row's {@code 1 - cos} to its cluster's centroid
   */
  void prototypes(
      int[] rows, double[][] unit, int[] kept, int[] cluster, int firstGroup, double[] difficulty) {
    nearestKept(rows, unit, kept);
    for (int i = 0; i < rows.length; i++) {
      group[rows[i]] = firstGroup + cluster[i];
      dissimilarity[rows[i]] = difficulty[i];
    }
  }
}
