package org.winnow.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits a class too large for one distance triangle into chunks of at most a given size, with
 * {@link SphericalKMeans} (one seeded stream for all the fits of a class), so that near neighbours,
 * which complete linkage would group, mostly land in the same chunk. Chunks still too large are
 * split again; points k-means cannot separate (all equal) are cut in dataset order.
 */
final class KMeansChunks {

  private static final int MAX_ITERATIONS = 25;

  private KMeansChunks() {}

  /**
   * @param unit unit rows
   * @param maxSize the largest chunk allowed, at least 1
   * @param seed the k-means++ seed
   * @return chunks of positions in {@code unit}, each ascending, ordered by their first position
   */
  static int[][] split(double[][] unit, int maxSize, long seed) {
    int[] all = new int[unit.length];
    Arrays.setAll(all, i -> i);
    List<int[]> out = new ArrayList<>();
    split(unit, all, maxSize, new SplittableRandom(seed), out);
    out.sort((a, b) -> Integer.compare(a[0], b[0]));
    return out.toArray(int[][]::new);
  }

  private static void split(
      double[][] unit, int[] points, int maxSize, SplittableRandom rng, List<int[]> out) {
    if (points.length <= maxSize) {
      out.add(points);
      return;
    }
    int k = (points.length + maxSize - 1) / maxSize;
    double[][] rows = new double[points.length][];
    for (int i = 0; i < points.length; i++) {
      rows[i] = unit[points[i]];
    }
    int[] assign = SphericalKMeans.fit(rows, k, MAX_ITERATIONS, rng).assignment();
    List<int[]> parts = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      int cluster = c;
      int[] part =
          java.util.stream.IntStream.range(0, points.length)
              .filter(i -> assign[i] == cluster)
              .map(i -> points[i])
              .toArray();
      if (part.length > 0) {
        parts.add(part);
      }
    }
    if (parts.size() == 1) {
      // k-means found no structure (e.g. identical points): cut in order.
      for (int from = 0; from < points.length; from += maxSize) {
        out.add(Arrays.copyOfRange(points, from, Math.min(points.length, from + maxSize)));
      }
      return;
    }
    for (int[] part : parts) {
      split(unit, part, maxSize, rng, out);
    }
  }
}
