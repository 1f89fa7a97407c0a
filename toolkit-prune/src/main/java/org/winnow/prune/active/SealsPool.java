package org.winnow.prune.active;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The SEALS candidate pool (Coleman et al., <i>Similarity Search for Efficient Active Learning and
 * Search of Rare Concepts</i>, AAAI 2022, section 3): the union of the {@code k} nearest neighbours
 * (cosine) of every labelled sample, less the labelled samples. Only these are scored, so a round
 * touches a small part of the pool.
 *
 * <p>The pool grows incrementally, as in the paper: each newly labelled sample adds its own {@code
 * k} neighbours, searched once, and leaves the pool itself. The result equals the union computed
 * from scratch over the whole labelled set (SealsPoolTest checks it against NumPy's exact k-NN).
 */
public final class SealsPool {

  private final NeighbourIndex index;
  private final int k;
  private final BitSet labelled;
  private final BitSet candidates;
  private int searched;

  /**
   * An empty pool.
   *
   * @param index the neighbour search over the pool
   * @param size the number of rows of the pool
   * @param k neighbours per labelled sample, at least 1
   */
  public SealsPool(NeighbourIndex index, int size, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("--seals-k must be at least 1, not " + k);
    }
    this.index = index;
    this.k = Math.min(k, size - 1);
    this.labelled = new BitSet(size);
    this.candidates = new BitSet(size);
  }

  /**
   * Labels rows: searches the neighbours of those not labelled before and adds the unlabelled ones
   * to the candidates; the rows leave the candidates.
   */
  public void label(int[] rows) {
    int[] fresh = Arrays.stream(rows).distinct().filter(r -> !labelled.get(r)).toArray();
    for (int r : fresh) {
      labelled.set(r);
      candidates.clear(r);
    }
    if (fresh.length == 0 || k < 1) {
      return;
    }
    int[] found = index.neighbours(fresh, k);
    searched += fresh.length;
    for (int n : found) {
      if (n >= 0 && !labelled.get(n)) {
        candidates.set(n);
      }
    }
  }

  /** The candidate rows, ascending. */
  public int[] candidates() {
    return candidates.stream().toArray();
  }

  /** How many labelled rows have had their neighbours searched, in all. */
  public int searched() {
    return searched;
  }
}
