package org.winnow.prune.active;

import org.winnow.prune.NearestNeighbours;

/**
 * Finds, for rows of a pool, their nearest other rows of the same pool by cosine similarity: what
 * the SEALS candidate pool is grown from. {@link #exact} searches every row through blocked BLAS
 * products; {@link HyperplaneLsh} trades exactness for speed on large pools.
 */
public interface NeighbourIndex {

  /**
   * The {@code k} nearest rows of each query row, the query itself left out.
   *
   * @param queryRows rows of the pool
   * @param k neighbours per query
   * @return for query {@code q}, its neighbours at {@code q · k} to {@code q · k + k - 1}, nearest
   *     first; an approximate index may return fewer, padding with -1
   */
  int[] neighbours(int[] queryRows, int k);

  /** The index's name for manifests and tables: {@code exact} or {@code lsh}. */
  String name();

  /**
   * Exact search over the pool's unit rows ({@link NearestNeighbours#searchWithin}).
   *
   * @param unit the pool's unit rows (shared, not copied)
   */
  static NeighbourIndex exact(double[][] unit) {
    return new NeighbourIndex() {
      @Override
      public int[] neighbours(int[] queryRows, int k) {
        return NearestNeighbours.searchWithin(unit, queryRows, k).index();
      }

      @Override
      public String name() {
        return "exact";
      }
    };
  }
}
