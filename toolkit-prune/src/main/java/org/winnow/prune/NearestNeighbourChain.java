package org.winnow.prune;

/**
 * The nearest-neighbour chain algorithm for complete linkage (Murtagh 1983; Müllner 2011, "Modern
 * hierarchical, agglomerative clustering algorithms", section 3.2), O(n²) time, the algorithm
 * SciPy's {@code linkage} uses for complete linkage. Complete linkage is reducible, so the chain
 * finds the same merges as the greedy algorithm, in another order ({@link CompleteLinkageTree}
 * sorts them by height).
 *
 * <p>One loop walks the chain over either of two layouts of the dissimilarities, which give the
 * same merges and the same float heights: the full n × n matrix ({@link #onMatrix}, fast: a scan
 * reads one row in memory order) and the column-wise triangle ({@link #onTriangle}, half the
 * memory, slower). A merge is complete linkage's update, the larger of two floats, as in Smile's
 * {@code CompleteLinkage}.
 */
final class NearestNeighbourChain {

  private NearestNeighbourChain() {}

  /** The merges in the order the chain found them. */
  record Merges(int[] left, int[] right, double[] height) {}

  /**
   * Walks the chain on the full matrix, which it overwrites.
   *
   * @param d the symmetric dissimilarities, one row per point
   */
  static Merges onMatrix(float[][] d) {
    return walk(new Matrix(d));
  }

  /**
   * Walks the chain on the column-wise lower triangle with diagonal ({@link
   * Cosine#dissimilarityTriangle}), which it overwrites.
   *
   * @param n the number of points
   * @param tri the triangle
   */
  static Merges onTriangle(int n, float[] tri) {
    return walk(new Triangle(n, tri));
  }

  /**
   * Current dissimilarities between active clusters, indexed by each cluster's lowest point. Scans
   * and merges visit only the active clusters, listed in ascending order.
   */
  private interface Layout {

    /** The number of points. */
    int size();

    /** The dissimilarity between clusters {@code a} and {@code b}. */
    float get(int a, int b);

    /**
     * The first of {@code active[0..count)} whose dissimilarity to {@code a} is the smallest and
     * strictly below {@code bound}, or -1 when none is below it.
     */
    int nearest(int a, float bound, int[] active, int count);

    /** Cluster {@code keep} absorbs cluster {@code drop}; both are still in the active list. */
    void merge(int keep, int drop, int[] active, int count);
  }

  private static Merges walk(Layout d) {
    int n = d.size();
    int[] active = new int[n];
    for (int i = 0; i < n; i++) {
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
        // On a tie the previous chain element wins, so the chain always ends in a reciprocal
        // pair, then the lower index.
        float bound = previous >= 0 ? d.get(a, previous) : Float.POSITIVE_INFINITY;
        int best = d.nearest(a, bound, active, count);
        if (best >= 0) {
          chain[top++] = best;
          continue;
        }
        top -= 2;
        int keep = Math.min(a, previous);
        int drop = Math.max(a, previous);
        left[m] = keep;
        right[m] = drop;
        height[m] = bound;
        d.merge(keep, drop, active, count);
        int at = java.util.Arrays.binarySearch(active, 0, count, drop);
        System.arraycopy(active, at + 1, active, at, count - at - 1);
        count--;
        break;
      }
    }
    return new Merges(left, right, height);
  }

  /**
   * The full matrix, {@code +∞} on the diagonal. A merge updates row {@code keep} at once but logs
   * the column update that every other row owes, and a row replays the merges it has not seen
   * before it is read. Writing the column at once would touch one cache line in every active row
   * per merge, which cost more than all the scans together; a row being replayed is in cache, and
   * replaying the log in order gives exactly the values of the eager update.
   */
  private static final class Matrix implements Layout {
    private final float[][] d;
    private final int[] logKeep;
    private final int[] logDrop;
    private int logSize;

    /** For each row, how many logged merges it has replayed. */
    private final int[] seen;

    Matrix(float[][] d) {
      this.d = d;
      int n = d.length;
      for (int i = 0; i < n; i++) {
        d[i][i] = Float.POSITIVE_INFINITY;
      }
      logKeep = new int[n];
      logDrop = new int[n];
      seen = new int[n];
    }

    /** Row {@code a}, brought up to date. An active row never replays a merge of its own. */
    private float[] row(int a) {
      float[] r = d[a];
      for (int e = seen[a]; e < logSize; e++) {
        int k = logKeep[e];
        r[k] = Math.max(r[k], r[logDrop[e]]);
      }
      seen[a] = logSize;
      return r;
    }

    @Override
    public int size() {
      return d.length;
    }

    @Override
    public float get(int a, int b) {
      return row(a)[b];
    }

    @Override
    public int nearest(int a, float bound, int[] active, int count) {
      float[] r = row(a);
      int best = -1;
      float bestD = bound;
      for (int i = 0; i < count; i++) {
        int x = active[i];
        float v = r[x];
        if (v < bestD) {
          best = x;
          bestD = v;
        }
      }
      return best;
    }

    @Override
    public void merge(int keep, int drop, int[] active, int count) {
      float[] k = row(keep);
      float[] r = row(drop);
      for (int i = 0; i < count; i++) {
        int x = active[i];
        // x == keep leaves the diagonal at +∞; x == drop is never read again.
        k[x] = Math.max(k[x], r[x]);
      }
      logKeep[logSize] = keep;
      logDrop[logSize] = drop;
      logSize++;
      seen[keep] = logSize;
    }
  }

  /**
   * Smile's column-wise triangle: column j holds rows j to n-1. Half of every scan reads across
   * columns, so it is slower than the matrix.
   */
  private static final class Triangle implements Layout {
    private final float[] tri;
    private final int[] offset;

    Triangle(int n, float[] tri) {
      this.tri = tri;
      offset = new int[n];
      for (int j = 0; j < n; j++) {
        offset[j] = (int) ((long) tri.length - (long) (n - j) * (n - j + 1) / 2);
      }
    }

    private int at(int i, int j) {
      return i > j ? offset[j] + i - j : offset[i] + j - i;
    }

    @Override
    public int size() {
      return offset.length;
    }

    @Override
    public float get(int a, int b) {
      return tri[at(a, b)];
    }

    @Override
    public int nearest(int a, float bound, int[] active, int count) {
      int best = -1;
      float bestD = bound;
      for (int i = 0; i < count; i++) {
        int x = active[i];
        float v = tri[at(a, x)];
        if (v < bestD && x != a) {
          best = x;
          bestD = v;
        }
      }
      return best;
    }

    @Override
    public void merge(int keep, int drop, int[] active, int count) {
      for (int i = 0; i < count; i++) {
        int x = active[i];
        if (x != keep && x != drop) {
          int k = at(keep, x);
          tri[k] = Math.max(tri[k], tri[at(drop, x)]);
        }
      }
    }
  }
}
