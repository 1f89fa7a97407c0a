package org.winnow.prune;

import java.util.Arrays;
import java.util.Objects;
import smile.clustering.HierarchicalClustering;
import smile.clustering.linkage.CompleteLinkage;

/**
 * The complete-linkage dendrogram of one class on the dissimilarity {@code 1 - cos} (Birodkar et
 * al. 2019, section 3.2: the distance between two clusters is the largest dissimilarity between
 * their members). One tree serves every cut, so one class is clustered once for all requested
 * fractions.
 *
 * <p>The dissimilarities come from BLAS matrix products ({@link Cosine}). Two drivers walk the
 * linkage:
 *
 * <ul>
 *   <li>{@link Engine#NN_CHAIN} (the default): the nearest-neighbour chain algorithm ({@link
 *       NearestNeighbourChain}), O(n²) time, the algorithm SciPy's {@code linkage} uses for
 *       complete linkage. It works on the full n × n float matrix ({@link
 *       Cosine#dissimilarityMatrix}, {@code 4 · n²} bytes), whose rows it scans in memory order,
 *       and merges with {@link CompleteLinkage}'s update (the larger of two floats); where memory
 *       is short, on Smile's triangle instead (half the memory, slower, the same tree).
 *   <li>{@link Engine#FAST_PAIR}: Smile's own {@link HierarchicalClustering#fit} (Eppstein's
 *       FastPair) on Smile's {@link CompleteLinkage} over the column-wise triangle ({@link
 *       Cosine#dissimilarityTriangle}, half the memory), kept as a reference; it is several times
 *       slower.
 * </ul>
 *
 * <p>Both give the same tree when no two dissimilarities are exactly equal. With exact ties the
 * order of equal-height merges, and so the cut among them, is an implementation detail.
 *
 * @param size the number of points
 * @param left for merge m, in order of height, a point of one of the two clusters merged
 * @param right a point of the other cluster
 * @param height the dissimilarity at which the two clusters merged, non-decreasing
 */
public record CompleteLinkageTree(int size, int[] left, int[] right, double[] height) {

  /** Which algorithm walks the linkage. */
  public enum Engine {
    /** Nearest-neighbour chain, O(n²). */
    NN_CHAIN,
    /** Smile's FastPair-based {@link HierarchicalClustering#fit}. */
    FAST_PAIR
  }

  /** Validates the arrays. */
  public CompleteLinkageTree {
    int merges = Math.max(0, size - 1);
    if (left.length != merges || right.length != merges || height.length != merges) {
      throw new IllegalArgumentException("a tree of " + size + " points has " + merges + " merges");
    }
  }

  /**
   * Clusters unit vectors; the NN chain on the full matrix.
   *
   * @param unit one unit-length row per point
   * @param engine the driver
   */
  public static CompleteLinkageTree fit(double[][] unit, Engine engine) {
    return fit(unit, engine, true);
  }

  /**
   * Clusters unit vectors.
   *
   * @param unit one unit-length row per point
   * @param engine the driver
   * @param fullMatrix for {@link Engine#NN_CHAIN}, whether to work on the full n × n matrix ({@code
   *     4 · n²} bytes, fast) or on the triangle (half that, slower); the tree is the same. FastPair
   *     always uses the triangle.
   */
  public static CompleteLinkageTree fit(double[][] unit, Engine engine, boolean fullMatrix) {
    Objects.requireNonNull(engine, "engine");
    int n = unit.length;
    if (n <= 1) {
      return new CompleteLinkageTree(n, new int[0], new int[0], new double[0]);
    }
    return switch (engine) {
      case NN_CHAIN ->
          sortedByHeight(
              n,
              fullMatrix
                  ? NearestNeighbourChain.onMatrix(Cosine.dissimilarityMatrix(unit))
                  : NearestNeighbourChain.onTriangle(n, Cosine.dissimilarityTriangle(unit)));
      case FAST_PAIR -> fastPair(n, Cosine.dissimilarityTriangle(unit));
    };
  }

  /**
   * Cuts the tree into {@code k} clusters: the first {@code size - k} merges are kept.
   *
   * @return for each point, its cluster, numbered 0..k-1 in order of each cluster's first point
   */
  public int[] cut(int k) {
    if (k < 1 || k > Math.max(1, size)) {
      throw new IllegalArgumentException("cannot cut " + size + " points into " + k + " clusters");
    }
    int[] parent = new int[size];
    for (int i = 0; i < size; i++) {
      parent[i] = i;
    }
    for (int m = 0; m < size - k; m++) {
      int a = find(parent, left[m]);
      int b = find(parent, right[m]);
      parent[Math.max(a, b)] = Math.min(a, b);
    }
    int[] label = new int[size];
    int[] rootLabel = new int[size];
    Arrays.fill(rootLabel, -1);
    int next = 0;
    for (int i = 0; i < size; i++) {
      int r = find(parent, i);
      if (rootLabel[r] < 0) {
        rootLabel[r] = next++;
      }
      label[i] = rootLabel[r];
    }
    return label;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static CompleteLinkageTree fastPair(int n, float[] tri) {
    HierarchicalClustering hc = HierarchicalClustering.fit(new CompleteLinkage(n, tri));
    int[][] tree = hc.tree();
    int[] point = new int[2 * n - 1];
    for (int i = 0; i < n; i++) {
      point[i] = i;
    }
    int[] left = new int[n - 1];
    int[] right = new int[n - 1];
    for (int m = 0; m < n - 1; m++) {
      left[m] = point[tree[m][0]];
      right[m] = point[tree[m][1]];
      point[n + m] = left[m];
    }
    return sortedByHeight(n, new NearestNeighbourChain.Merges(left, right, hc.height().clone()));
  }

  private static CompleteLinkageTree sortedByHeight(int n, NearestNeighbourChain.Merges merges) {
    int[] left = merges.left();
    int[] right = merges.right();
    double[] height = merges.height();
    Integer[] order = new Integer[n - 1];
    for (int m = 0; m < n - 1; m++) {
      order[m] = m;
    }
    Arrays.sort(order, (x, y) -> Double.compare(height[x], height[y]));
    int[] l = new int[n - 1];
    int[] r = new int[n - 1];
    double[] h = new double[n - 1];
    for (int m = 0; m < n - 1; m++) {
      l[m] = left[order[m]];
      r[m] = right[order[m]];
      h[m] = height[order[m]];
    }
    return new CompleteLinkageTree(n, l, r, h);
  }
}
