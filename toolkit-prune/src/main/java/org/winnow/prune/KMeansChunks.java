package org.winnow.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Splits a class too large for one distance triangle into chunks of at most a given size, with
 * spherical k-means (cosine, unit centres; seeded k-means++ initialisation), so that near
 * neighbours, which complete linkage would group, mostly land in the same chunk. Chunks still too
 * large are split again; points k-means cannot separate (all equal) are cut in dataset order.
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
    int[] assign = kMeans(rows, k, rng);
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

  private static int[] kMeans(double[][] rows, int k, SplittableRandom rng) {
    int n = rows.length;
    double[][] centres = new double[k][];
    double[] nearest = new double[n];
    Arrays.fill(nearest, Double.POSITIVE_INFINITY);
    centres[0] = rows[rng.nextInt(n)].clone();
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        nearest[i] = Math.min(nearest[i], Cosine.dissimilarity(rows[i], centres[c - 1]));
        total += nearest[i];
      }
      int pick = 0;
      if (total > 0) {
        double target = rng.nextDouble() * total;
        for (double acc = 0; pick < n - 1; pick++) {
          acc += nearest[pick];
          if (acc >= target && nearest[pick] > 0) {
            break;
          }
        }
      } else {
        pick = rng.nextInt(n);
      }
      centres[c] = rows[pick].clone();
    }
    int[] assign = new int[n];
    Arrays.fill(assign, -1);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      int[] next = Cosine.nearest(rows, centres).index();
      if (Arrays.equals(next, assign)) {
        break;
      }
      assign = next;
      int dim = rows[0].length;
      double[][] sum = new double[k][dim];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < dim; j++) {
          sum[assign[i]][j] += rows[i][j];
        }
      }
      for (int c = 0; c < k; c++) {
        double norm = Math.sqrt(Arrays.stream(sum[c]).map(x -> x * x).sum());
        if (norm > 0) {
          for (int j = 0; j < dim; j++) {
            sum[c][j] /= norm;
          }
          centres[c] = sum[c];
        }
      }
    }
    return assign;
  }
}
