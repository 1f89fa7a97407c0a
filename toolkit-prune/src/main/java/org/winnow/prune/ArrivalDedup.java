package org.winnow.prune;

import java.util.Objects;

/**
 * Which new samples of one class are redundant, as {@code winnow prune --against} decides it: a new
 * sample is dropped when its cosine dissimilarity {@code 1 - cos} to the most similar kept sample
 * of the earlier run is at most the threshold; the others are then deduplicated among themselves in
 * dataset order, each dropped when within the threshold of an earlier new sample that was kept.
 * This is the greedy rule SemDeDup applies within a cluster (Abbas et al. 2023, section 3), here
 * with the earlier run's kept samples ahead of every new one.
 *
 * <p>Both searches are exact and blocked ({@link NearestNeighbours}): the new samples against the
 * earlier kept ones (1 neighbour each), then the survivors among themselves ({@value #NEIGHBOURS}
 * neighbours each). A survivor whose {@value #NEIGHBOURS} nearest all lie within the threshold
 * without an earlier kept one among them is checked against every kept survivor before it, so the
 * rule holds however large a group of duplicates is.
 */
final class ArrivalDedup {

  /** Neighbours per survivor in the search among new samples. */
  static final int NEIGHBOURS = 16;

  /**
   * Slack on the threshold for rounding: two identical rows may have {@code 1 - cos} of a few ulp
   * above 0, and must count as duplicates at threshold 0.
   */
  static final double ROUNDING = 1e-9;

  /** Why a new sample was kept or dropped. */
  enum Fate {
    /** Kept: no kept sample within the threshold. */
    KEPT,
    /** Within the threshold of a kept sample of the earlier run. */
    EARLIER,
    /** Within the threshold of an earlier new sample that was kept. */
    ARRIVAL
  }

  /**
   * The decision for every new sample of the class.
   *
   * @param fate why each was kept or dropped
   * @param match for {@link Fate#EARLIER}, the index of the matched row in the earlier kept rows;
   *     for {@link Fate#ARRIVAL} the index of the matched new sample; for {@link Fate#KEPT} its own
   *     index
   * @param dissimilarity {@code 1 - cos} to the match (0 when kept)
   */
  record Decisions(Fate[] fate, int[] match, double[] dissimilarity) {

    Decisions {
      Objects.requireNonNull(fate, "fate");
      if (fate.length != match.length || fate.length != dissimilarity.length) {
        throw new IllegalArgumentException("decision arrays differ in length");
      }
    }

    /** How many new samples have {@code f}. */
    int count(Fate f) {
      int n = 0;
      for (Fate x : fate) {
        n += x == f ? 1 : 0;
      }
      return n;
    }
  }

  private ArrivalDedup() {}

  /**
   * Decides one class.
   *
   * @param arrivals the new samples' unit rows, in dataset order
   * @param earlierKept the unit rows of the earlier run's kept samples of the class (may be empty)
   * @param threshold the largest {@code 1 - cos} at which a sample is redundant, in [0, 2]
   */
  static Decisions decide(double[][] arrivals, double[][] earlierKept, double threshold) {
    int m = arrivals.length;
    Fate[] fate = new Fate[m];
    int[] match = new int[m];
    double[] dissimilarity = new double[m];
    double limit = threshold + ROUNDING;
    if (m > 0 && earlierKept.length > 0) {
      NearestNeighbours.Neighbours nearest = NearestNeighbours.search(arrivals, earlierKept, 1);
      for (int i = 0; i < m; i++) {
        double d = Cosine.dissimilarityOfDot(nearest.similarity(i, 0));
        if (d <= limit) {
          fate[i] = Fate.EARLIER;
          match[i] = nearest.index(i, 0);
          dissimilarity[i] = d;
        }
      }
    }
    int[] rest = java.util.stream.IntStream.range(0, m).filter(i -> fate[i] == null).toArray();
    double[][] unit = new double[rest.length][];
    for (int r = 0; r < rest.length; r++) {
      unit[r] = arrivals[rest[r]];
    }
    int k = Math.min(NEIGHBOURS, rest.length - 1);
    NearestNeighbours.Neighbours within =
        k >= 1
            ? NearestNeighbours.searchWithin(unit, SemanticSelector.identity(rest.length), k)
            : null;
    boolean[] kept = new boolean[rest.length];
    for (int r = 0; r < rest.length; r++) {
      int best = -1;
      double bestDot = Double.NEGATIVE_INFINITY;
      // every neighbour beyond the threshold, or all others seen: the list holds every candidate
      boolean complete = k == rest.length - 1;
      for (int rank = 0; rank < k; rank++) {
        double dot = within.similarity(r, rank);
        if (Cosine.dissimilarityOfDot(dot) > limit) {
          complete = true;
          break;
        }
        int j = within.index(r, rank);
        if (j < r && kept[j]) { // most similar first: the first kept one is the nearest kept
          best = j;
          bestDot = dot;
          break;
        }
      }
      if (best < 0 && !complete) {
        for (int j = 0; j < r; j++) {
          if (kept[j]) {
            double dot = Cosine.dot(unit[r], unit[j]);
            if (Cosine.dissimilarityOfDot(dot) <= limit && dot > bestDot) {
              best = j;
              bestDot = dot;
            }
          }
        }
      }
      int i = rest[r];
      if (best >= 0) {
        fate[i] = Fate.ARRIVAL;
        match[i] = rest[best];
        dissimilarity[i] = Cosine.dissimilarityOfDot(bestDot);
      } else {
        kept[r] = true;
        fate[i] = Fate.KEPT;
        match[i] = i;
      }
    }
    return new Decisions(fate, match, dissimilarity);
  }
}
