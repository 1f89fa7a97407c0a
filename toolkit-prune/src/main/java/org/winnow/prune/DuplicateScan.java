package org.winnow.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * SemDeDup's two steps over rows of a set (Abbas et al. 2023, section 3): {@link #clusters} orders
 * the rows into spherical k-means clusters, and {@link #scan} walks each cluster in that order,
 * dropping every member whose cosine similarity to an earlier kept member exceeds {@code 1 - ε}.
 *
 * <p>Memory never holds an {@code n x n} matrix, nor a {@code double} copy of all rows: k-means is
 * fitted on a seeded sample of at most {@link #fitSample} rows, every row is then assigned to its
 * nearest centroid in blocks of {@link #ASSIGN_BLOCK} rows ({@link NearestNeighbours}, BLAS), and a
 * cluster's similarities are computed in row blocks of at most {@link #BLOCK_DOUBLES} values: rows
 * {@code [a, b)} against rows {@code [0, b)}, all that the scan of rows {@code [a, b)} reads.
 */
final class DuplicateScan {

  /** The most similarities one row block of a cluster holds (64 MiB of doubles). */
  static final int BLOCK_DOUBLES = 8 << 20;

  /** Rows assigned to centroids per BLAS product. */
  static final int ASSIGN_BLOCK = 8192;

  /** Lloyd steps at most. */
  static final int MAX_ITERATIONS = 30;

  private DuplicateScan() {}

  /**
   * The rows k-means is fitted on for {@code k > 1} clusters (one is fitted on all rows): all rows
   * up to 50,000 or 50 per cluster, whichever is more (at K = 1,000 and N = 1,000,000 a sample of
   * 50,000 makes each Lloyd step a 50,000 x 1,000 product instead of 1,000,000 x 1,000).
   */
  static int fitSample(int k) {
    return Math.max(50_000, 50 * k);
  }

  /**
   * The clusters of {@code rows}, each in scan order.
   *
   * @param vectors the set's embeddings
   * @param rows the rows to cluster, ascending
   * @param k clusters (at most the number of rows)
   * @param order the scan order within a cluster; ties go to the lower row
   * @param seed the seed of the sample, k-means++ and the random order
   * @return the non-empty clusters, each an array of dataset rows in scan order
   */
  static int[][] clusters(
      float[][] vectors, int[] rows, int k, SemDeDupSelector.Prefer order, long seed) {
    int n = rows.length;
    if (n == 0) {
      return new int[0][];
    }
    int[] sample = fitPositions(n, k, seed);
    double[][] centroids = centroids(Cosine.unitRows(vectors, pick(rows, sample)), k, seed);
    int[] assign = new int[n];
    double[] similarity = new double[n];
    for (int a = 0; a < n; a += ASSIGN_BLOCK) {
      int b = Math.min(n, a + ASSIGN_BLOCK);
      assign(vectors, Arrays.copyOfRange(rows, a, b), centroids, assign, similarity, a);
    }
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < centroids.length; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      members.get(assign[i]).add(i);
    }
    long[] shuffleSeeds = shuffleSeeds(centroids.length, seed);
    List<int[]> out = new ArrayList<>();
    for (int c = 0; c < centroids.length; c++) {
      List<Integer> cluster = members.get(c);
      if (cluster.isEmpty()) {
        continue;
      }
      int[] positions = cluster.stream().mapToInt(Integer::intValue).toArray();
      double[] own = Arrays.stream(positions).mapToDouble(i -> similarity[i]).toArray();
      out.add(pick(rows, pick(positions, scanOrder(own, order, shuffleSeeds[c]))));
    }
    return out.toArray(int[][]::new);
  }

  /**
   * Assigns {@code rows} to their nearest centroid (BLAS), writing from {@code at} on: each
   * similarity is one dot product of a unit row and a centroid, so it does not depend on how rows
   * are blocked.
   */
  static void assign(
      float[][] vectors,
      int[] rows,
      double[][] centroids,
      int[] cluster,
      double[] similarity,
      int at) {
    NearestNeighbours.Neighbours nearest =
        NearestNeighbours.search(Cosine.unitRows(vectors, rows), centroids, 1);
    for (int i = 0; i < rows.length; i++) {
      cluster[at + i] = nearest.index(i, 0);
      similarity[at + i] = nearest.similarity(i, 0);
    }
  }

  /**
   * The positions in {@code 0 .. n-1} that k-means is fitted on for {@code k} clusters: all for
   * {@code k = 1}, so that one centroid is the mean of all rows whatever the seed, else a seeded
   * sample of {@link #fitSample} ({@link #clusters}' first random stream).
   */
  static int[] fitPositions(int n, int k, long seed) {
    return sample(n, k == 1 ? n : fitSample(k), stream(seed, 0));
  }

  /** The k-means centroids fitted on the unit rows at {@link #fitPositions} (second stream). */
  static double[][] centroids(double[][] fitRows, int k, long seed) {
    return SphericalKMeans.fit(
            fitRows, Math.min(k, fitRows.length), MAX_ITERATIONS, stream(seed, 1))
        .centroids();
  }

  /** The seed of each cluster's random scan order, empty clusters included (third stream). */
  static long[] shuffleSeeds(int k, long seed) {
    SplittableRandom shuffles = stream(seed, 2);
    long[] out = new long[k];
    for (int c = 0; c < k; c++) {
      out[c] = shuffles.nextLong();
    }
    return out;
  }

  /**
   * The scan order of one cluster's members, given in ascending row order with their cosine
   * similarity to the centroid: positions into them, ties to the lower row.
   */
  static int[] scanOrder(double[] similarity, SemDeDupSelector.Prefer order, long shuffleSeed) {
    Comparator<Integer> byRow = Comparator.naturalOrder();
    Comparator<Integer> first =
        switch (order) {
          case HARD -> Comparator.<Integer>comparingDouble(i -> similarity[i]).thenComparing(byRow);
          case EASY ->
              Comparator.<Integer>comparingDouble(i -> -similarity[i]).thenComparing(byRow);
          case RANDOM -> byRow;
        };
    int[] positions =
        IntStream.range(0, similarity.length).boxed().sorted(first).mapToInt(i -> i).toArray();
    if (order == SemDeDupSelector.Prefer.RANDOM) {
      shuffle(positions, new SplittableRandom(shuffleSeed));
    }
    return positions;
  }

  /** The {@code index}-th stream split off a generator seeded with {@code seed}. */
  private static SplittableRandom stream(long seed, int index) {
    SplittableRandom random = new SplittableRandom(seed);
    SplittableRandom out = random.split();
    for (int i = 0; i < index; i++) {
      out = random.split();
    }
    return out;
  }

  /**
   * Scans one cluster at several thresholds: for each {@code threshold[e]} and each member in
   * order, the member is dropped when its highest cosine similarity to a member kept before it
   * exceeds the threshold (ties to the earlier kept member), and kept otherwise.
   *
   * @param vectors the set's embeddings
   * @param cluster dataset rows in scan order
   * @param threshold {@code 1 - ε} for each ε
   * @param representative per ε, filled at the cluster's rows: the row itself when kept, else the
   *     kept row it duplicates
   * @param cosine per ε, filled at the cluster's rows: the cosine similarity to the representative
   *     (1 for a kept row)
   */
  static void scan(
      float[][] vectors,
      int[] cluster,
      double[] threshold,
      int[][] representative,
      float[][] cosine) {
    scan(vectors, cluster, threshold, representative, cosine, BLOCK_DOUBLES);
  }

  /** {@link #scan} with row blocks of at most {@code blockDoubles} similarities (tests: small). */
  static void scan(
      float[][] vectors,
      int[] cluster,
      double[] threshold,
      int[][] representative,
      float[][] cosine,
      int blockDoubles) {
    int m = cluster.length;
    int eps = threshold.length;
    double[][] unit = Cosine.unitRows(vectors, cluster);
    int[][] kept = new int[eps][m];
    int[] keptCount = new int[eps];
    int blockRows = (int) Math.max(1, Math.min(m, blockDoubles / Math.max(1, m)));
    for (int a = 0; a < m; a += blockRows) {
      int b = Math.min(m, a + blockRows);
      double[] s = products(unit, a, b);
      int ld = b - a;
      for (int i = a; i < b; i++) {
        for (int e = 0; e < eps; e++) {
          double best = Double.NEGATIVE_INFINITY;
          int arg = -1;
          int[] k = kept[e];
          for (int t = 0, end = keptCount[e]; t < end; t++) {
            double v = s[(i - a) + k[t] * ld];
            if (v > best) {
              best = v;
              arg = k[t];
            }
          }
          int row = cluster[i];
          if (arg >= 0 && best > threshold[e]) {
            representative[e][row] = cluster[arg];
            cosine[e][row] = (float) Math.min(1, best);
          } else {
            k[keptCount[e]++] = i;
            representative[e][row] = row;
            cosine[e][row] = 1;
          }
        }
      }
    }
  }

  /** The products of rows {@code [a, b)} with rows {@code [0, b)}, column-major, column j row j. */
  private static double[] products(double[][] unit, int a, int b) {
    DenseMatrix rows = DenseMatrix.of(Arrays.copyOfRange(unit, a, b));
    DenseMatrix earlier = DenseMatrix.of(Arrays.copyOfRange(unit, 0, b));
    DenseMatrix c = DenseMatrix.zeros(ScalarType.Float64, b - a, b);
    DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, rows, Transpose.TRANSPOSE, earlier, 0, c);
    double[] values = Cosine.doubles(c.memory());
    if (c.ld() == b - a) {
      return values;
    }
    double[] packed = new double[(b - a) * b];
    for (int j = 0; j < b; j++) {
      System.arraycopy(values, j * c.ld(), packed, j * (b - a), b - a);
    }
    return packed;
  }

  /** {@code size} positions of {@code 0 .. n-1}, ascending, drawn without replacement. */
  private static int[] sample(int n, int size, SplittableRandom random) {
    int[] all = IntStream.range(0, n).toArray();
    if (size >= n) {
      return all;
    }
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] picked = Arrays.copyOf(all, size);
    Arrays.sort(picked);
    return picked;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static int[] pick(int[] rows, int[] positions) {
    int[] out = new int[positions.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = rows[positions[i]];
    }
    return out;
  }
}
