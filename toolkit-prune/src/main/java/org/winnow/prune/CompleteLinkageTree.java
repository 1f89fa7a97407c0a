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
 *   <li>{@link Engine#NN_CHAIN} (the default): the nearest-neighbour chain algorithm (Murtagh 1983;
 *       Müllner 2011, "Modern hierarchical, agglomerative clustering algorithms", section 3.2),
 *       O(n²) time, the algorithm SciPy's {@code linkage} uses for complete linkage. Complete
 *       linkage is reducible, so it finds the same merges as the greedy algorithm; they are then
 *       sorted by height. It works on the full n × n float matrix ({@link
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
          fullMatrix
              ? nnChain(Cosine.dissimilarityMatrix(unit))
              : nnChainTriangle(n, Cosine.dissimilarityTriangle(unit));
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

  /**
   * The chain on the full matrix, updated in place. Row a holds the current distance from a to
   * every active cluster ({@code +∞} on the diagonal); scans and updates visit only the active
   * clusters, kept in ascending order, and read a row in memory order. A merge is Smile's
   * complete-linkage update ({@code max} of two floats), so the heights are the same floats as in
   * the triangle.
   */
  private static CompleteLinkageTree nnChain(float[][] d) {
    int n = d.length;
    int[] active = new int[n];
    for (int i = 0; i < n; i++) {
      d[i][i] = Float.POSITIVE_INFINITY;
      active[i] = i;
    }
    int count = n;
    int[] chain = new int[n];
    int top = 0;
    int[] left = new int[n - 1];
    int[] right = new int[n - 1];
    double[] height = new double[n - 1];
    for (int m = 0; m < n - 1; m++) {
      if (top == 0) {
        chain[top++] = active[0];
      }
      while (true) {
        int a = chain[top - 1];
        int previous = top >= 2 ? chain[top - 2] : -1;
        float[] row = d[a];
        // The nearest active cluster to a; on a tie the previous chain element wins, so the
        // chain always ends in a reciprocal pair, then the lower index (the scan runs upwards
        // and only a strictly smaller distance replaces the best).
        int best = previous;
        float bestD = previous >= 0 ? row[previous] : Float.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
          int x = active[i];
          float v = row[x];
          if (v < bestD) {
            best = x;
            bestD = v;
          }
        }
        if (best == previous) {
          top -= 2;
          int keep = Math.min(a, previous);
          int drop = Math.max(a, previous);
          left[m] = keep;
          right[m] = drop;
          height[m] = bestD;
          count = merge(d, active, count, keep, drop);
          break;
        }
        chain[top++] = best;
      }
    }
    return sortedByHeight(n, left, right, height);
  }

  /**
   * Complete linkage: cluster {@code keep} absorbs {@code drop}, which leaves the active list.
   *
   * @return the new number of active clusters
   */
  private static int merge(float[][] d, int[] active, int count, int keep, int drop) {
    float[] k = d[keep];
    float[] r = d[drop];
    int at = -1;
    for (int i = 0; i < count; i++) {
      int x = active[i];
      if (x == drop) {
        at = i;
        continue;
      }
      // x == keep leaves the diagonal at +∞.
      float v = Math.max(k[x], r[x]);
      k[x] = v;
      d[x][keep] = v;
    }
    System.arraycopy(active, at + 1, active, at, count - at - 1);
    return count - 1;
  }

  /**
   * The chain on Smile's column-wise triangle (half the full matrix's memory, slower: half of every
   * scan reads across columns), merging with {@link CompleteLinkage#merge}. The same merges as
   * {@link #nnChain(float[][])}.
   */
  private static CompleteLinkageTree nnChainTriangle(int n, float[] tri) {
    CompleteLinkage linkage = new CompleteLinkage(n, tri);
    int[] offset = new int[n];
    for (int j = 0; j < n; j++) {
      offset[j] = (int) ((long) tri.length - (long) (n - j) * (n - j + 1) / 2);
    }
    boolean[] retired = new boolean[n];
    int[] chain = new int[n];
    int top = 0;
    int[] left = new int[n - 1];
    int[] right = new int[n - 1];
    double[] height = new double[n - 1];
    int firstActive = 0;
    for (int m = 0; m < n - 1; m++) {
      if (top == 0) {
        while (retired[firstActive]) {
          firstActive++;
        }
        chain[top++] = firstActive;
      }
      while (true) {
        int a = chain[top - 1];
        int previous = top >= 2 ? chain[top - 2] : -1;
        // The nearest active cluster to a; on a tie the previous chain element wins, so the
        // chain always ends in a reciprocal pair, then the lower index.
        int best = previous;
        float bestD = previous >= 0 ? tri[at(offset, a, previous)] : Float.POSITIVE_INFINITY;
        for (int x = 0; x < n; x++) {
          if (x == a || retired[x]) {
            continue;
          }
          float d = tri[at(offset, a, x)];
          if (d < bestD || (d == bestD && best != previous && x < best)) {
            best = x;
            bestD = d;
          }
        }
        if (best == previous) {
          top -= 2;
          int keep = Math.min(a, previous);
          int drop = Math.max(a, previous);
          left[m] = keep;
          right[m] = drop;
          height[m] = bestD;
          linkage.merge(keep, drop);
          retired[drop] = true;
          break;
        }
        chain[top++] = best;
      }
    }
    return sortedByHeight(n, left, right, height);
  }

  private static int at(int[] offset, int i, int j) {
    return i > j ? offset[j] + i - j : offset[i] + j - i;
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
    return sortedByHeight(n, left, right, hc.height().clone());
  }

  private static CompleteLinkageTree sortedByHeight(
      int n, int[] left, int[] right, double[] height) {
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
