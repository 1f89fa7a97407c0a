package org.winnow.prune;

import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * Semantic space clustering (Birodkar, Mobahi and Bengio 2019, "Semantic Redundancies in
 * Image-Classification Datasets: The 10% You Don't Need", section 3.2):
 *
 * <ol>
 *   <li>each class on its own, agglomerative clustering with complete linkage on {@code 1 - cos}
 *       ({@link CompleteLinkageTree});
 *   <li>cut into {@code k_c = max(1, round(f · n_c))} clusters;
 *   <li>each cluster keeps the member closest in cosine to the cluster's mean, ties to the earlier
 *       sample.
 * </ol>
 *
 * <p>One dendrogram per class serves every fraction. The result needs no seed. Classes run in
 * parallel on {@link Options#threads()} threads, as many at once as the memory budget allows.
 *
 * <p><b>Memory.</b> A class of n samples needs at least its distance triangle, {@code 4 · n(n+1)/2}
 * bytes (5,000: 50 MB; 20,000: 800 MB), plus working space ({@link #predictBytes}). The default
 * NN-chain engine runs several times faster on the full matrix, {@code 4 · n²} bytes ({@link
 * #predictFullMatrixBytes}), and uses it whenever that fits the memory budget, the triangle
 * otherwise (the same tree either way); the classes in flight reserve what they use. Smile's
 * linkage cannot index more than {@value #MAX_POINTS} points. A class over either limit is refused
 * before any work starts, with a message naming it. {@link Options#maxClusterSize()} is the way
 * through: larger classes are first split by spherical k-means into chunks of at most that size,
 * each chunk is clustered on its own, and the class's {@code k_c} is shared among chunks in
 * proportion to their sizes. Groups then never span two chunks, so this approximates the paper's
 * method; it is exact for classes at or under the limit.
 *
 * @param options the options
 */
public record SemanticSelector(Options options) implements Selector {

  /** The most points Smile's linkage can index: {@code n(n+1)} must fit an {@code int}. */
  public static final int MAX_POINTS = 46_340;

  /** {@code --max-cluster-size}: see {@link Options#maxClusterSize()}. */
  public static final MethodOption MAX_CLUSTER_SIZE =
      new MethodOption(
          "--max-cluster-size",
          "N",
          "0",
          "split classes larger than N with k-means into chunks of at most N and cluster each"
              + " chunk (for classes too large for memory; 0 = never).");

  /** The method as the registry lists it ({@link SelectionMethods}). */
  public static final SelectionMethod METHOD =
      new SelectionMethod(
          "semantic",
          "per-class complete linkage on 1 - cos, one sample per cluster",
          "Each class was clustered on its own by agglomerative clustering with complete linkage"
              + " on the cosine dissimilarity (1 \u2212 cos) of the embeddings, and cut into"
              + " round(f \u00b7 n) clusters for the keep fraction f (Birodkar et al. 2019, section"
              + " 3.2). In each cluster the member closest to the cluster's mean embedding was kept;"
              + " the other members are redundant with it, since a sample that close in the"
              + " network's view stays in the training set. Each cluster is one group below.",
          List.of(MAX_CLUSTER_SIZE),
          (values, seed) -> new SemanticSelector(Options.from(values)));

  /**
   * Options.
   *
   * @param maxClusterSize classes larger than this are split by k-means into chunks of at most this
   *     many samples first; 0 never splits
   * @param threads classes clustered at once, at most; 0 for one per processor
   * @param memoryBudget bytes the classes in flight may need together; 0 for 80% of the free heap
   * @param engine the algorithm that walks the linkage
   */
  public record Options(
      int maxClusterSize, int threads, long memoryBudget, CompleteLinkageTree.Engine engine) {

    /** Validates the options. */
    public Options {
      if (maxClusterSize < 0 || maxClusterSize == 1 || maxClusterSize > MAX_POINTS) {
        throw MAX_CLUSTER_SIZE.invalid(
            "must be 0 (no limit) or in [2, " + MAX_POINTS + "], got " + maxClusterSize);
      }
      if (threads < 0) {
        throw new IllegalArgumentException("threads must be >= 0: " + threads);
      }
      if (memoryBudget < 0) {
        throw new IllegalArgumentException("memory budget must be >= 0: " + memoryBudget);
      }
      java.util.Objects.requireNonNull(engine, "engine");
    }

    /** No splitting, one thread per processor, 80% of the free heap, the NN-chain engine. */
    public static Options defaults() {
      return new Options(0, 0, 0, CompleteLinkageTree.Engine.NN_CHAIN);
    }

    /** The defaults with the values of the method's command-line options. */
    public static Options from(OptionValues values) {
      return defaults().withMaxClusterSize(values.integer(MAX_CLUSTER_SIZE));
    }

    /** These options with another maximum cluster size. */
    public Options withMaxClusterSize(int size) {
      return new Options(size, threads, memoryBudget, engine);
    }
  }

  /** Validates the options. */
  public SemanticSelector {
    java.util.Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return METHOD.name();
  }

  @Override
  public SortedMap<String, String> settings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("max_cluster_size", Integer.toString(options.maxClusterSize()));
    m.put("linkage", "complete");
    m.put("dissimilarity", "1-cos");
    return m;
  }

  @Override
  public OptionalLong randomSeed() {
    return OptionalLong.empty();
  }

  /**
   * Predicted bytes to cluster one chunk of {@code n} points of dimension {@code dim}: the
   * triangle, the class's unit rows, the operands (all rows, one block) and result of the block
   * matrix products, and the chain's bookkeeping (active list, chain, merges, replay log).
   */
  public static long predictBytes(int n, int dim) {
    long triangle = 4L * n * (n + 1) / 2;
    long unitRows = 8L * n * dim;
    long product = 8L * n * dim + 8L * dim * Cosine.BLOCK + 8L * n * Cosine.BLOCK;
    return triangle + unitRows + product + 48L * n;
  }

  /**
   * Predicted bytes to cluster one chunk of {@code n} points of dimension {@code dim} on the full n
   * × n float matrix (the NN chain's fast layout, one array per row) instead of the triangle, with
   * the same working space as {@link #predictBytes}.
   */
  public static long predictFullMatrixBytes(int n, int dim) {
    long triangle = 4L * n * (n + 1) / 2;
    long matrix = 4L * n * n + 24L * n;
    return predictBytes(n, dim) - triangle + matrix;
  }

  /**
   * Whether chunks of at most {@code n} points are clustered on the full matrix under {@code
   * budget}; decided on the largest chunk, as the reservation is.
   */
  private boolean fullMatrix(int n, int dim, long budget) {
    return options.engine() == CompleteLinkageTree.Engine.NN_CHAIN
        && predictFullMatrixBytes(n, dim) <= budget;
  }

  /** Predicted bytes of the layout a chunk of {@code n} points will use under {@code budget}. */
  private long reserveBytes(int n, int dim, long budget) {
    return fullMatrix(n, dim, budget) ? predictFullMatrixBytes(n, dim) : predictBytes(n, dim);
  }

  @Override
  public List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
    fractions.forEach(KeepFractions::check);
    Cosine.prepareInBackground();
    int[][] members = data.members();
    long budget = options.memoryBudget() > 0 ? options.memoryBudget() : PerClass.heapBudget();
    int dim = data.dimension();
    for (int c = 0; c < members.length; c++) {
      refuseIfTooLarge(data, c, members[c].length, dim, budget);
    }
    return PerClass.select(
        name(),
        data,
        fractions,
        PerClass.threads(options.threads()),
        c -> reserveBytes(chunkSize(members[c].length), dim, budget),
        budget,
        "cluster",
        progress,
        checkpoint,
        (label, rows, out) -> clusterClass(data, label, rows, fractions, budget, out));
  }

  private int chunkSize(int n) {
    return options.maxClusterSize() > 0 ? Math.min(n, options.maxClusterSize()) : n;
  }

  private void refuseIfTooLarge(EmbeddingSet data, int label, int n, int dim, long budget) {
    int chunk = chunkSize(n);
    String what =
        String.format(
            "%s: class '%s' (label %d) has %,d samples",
            data.source(), data.classNames().get(label), label, n);
    if (chunk > MAX_POINTS) {
      throw new IllegalArgumentException(
          String.format(
              "%s, more than the %,d points Smile's complete linkage can index; pass"
                  + " --max-cluster-size %d (or less) to split large classes with k-means first",
              what, MAX_POINTS, Math.min(MAX_POINTS, largestFitting(dim, budget))));
    }
    long need = predictBytes(chunk, dim);
    if (need > budget) {
      throw new IllegalArgumentException(
          String.format(
              "%s; clustering %,d at once needs about %s, more than the %s of heap available;"
                  + " pass --max-cluster-size %d (or less) to split large classes with k-means"
                  + " first, or give Java more heap (WINNOW_JAVA_OPTS=-Xmx...)",
              what, chunk, mib(need), mib(budget), largestFitting(dim, budget)));
    }
  }

  private static int largestFitting(int dim, long budget) {
    int lo = 2;
    int hi = MAX_POINTS;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (predictBytes(mid, dim) <= budget) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  private static String mib(long bytes) {
    return String.format("%,d MiB", (bytes + (1 << 20) - 1) >> 20);
  }

  private void clusterClass(
      EmbeddingSet data,
      int label,
      int[] rows,
      List<Double> fractions,
      long budget,
      List<Groups> out) {
    int n = rows.length;
    if (n == 0) {
      return;
    }
    double[][] unit = Cosine.unitRows(data.vectors(), rows);
    int[][] chunks =
        options.maxClusterSize() > 0 && n > options.maxClusterSize()
            ? KMeansChunks.split(unit, options.maxClusterSize(), 0x5EED_0000L + label)
            : new int[][] {identity(n)};
    int[] sizes = new int[chunks.length];
    int[][] chunkRows = new int[chunks.length][];
    double[][][] chunkUnit = new double[chunks.length][][];
    CompleteLinkageTree[] trees = new CompleteLinkageTree[chunks.length];
    for (int p = 0; p < chunks.length; p++) {
      sizes[p] = chunks[p].length;
      chunkRows[p] = new int[sizes[p]];
      chunkUnit[p] = new double[sizes[p]][];
      for (int i = 0; i < sizes[p]; i++) {
        chunkRows[p][i] = rows[chunks[p][i]];
        chunkUnit[p][i] = unit[chunks[p][i]];
      }
      trees[p] =
          CompleteLinkageTree.fit(
              chunkUnit[p], options.engine(), fullMatrix(chunkSize(n), data.dimension(), budget));
    }
    for (int f = 0; f < fractions.size(); f++) {
      int k = ClassQuota.keep(n, fractions.get(f));
      if (k < chunks.length) {
        throw new IllegalArgumentException(
            String.format(
                "%s: class '%s' keeps %d samples at %s but --max-cluster-size split it into %d"
                    + " chunks; raise --max-cluster-size or the keep fraction",
                data.source(), data.classNames().get(label), k, fractions.get(f), chunks.length));
      }
      int[] share = ClassQuota.distribute(k, sizes, true);
      int firstGroup = 0;
      for (int p = 0; p < chunks.length; p++) {
        int[] cut = trees[p].cut(share[p]);
        out.get(f).fromClusters(chunkRows[p], chunkUnit[p], cut, share[p], firstGroup);
        firstGroup += share[p];
      }
    }
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    java.util.Arrays.setAll(a, i -> i);
    return a;
  }
}
