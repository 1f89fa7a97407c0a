package org.winnow.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * Unit vectors around Gaussian blobs with near-duplicates planted at a known rate, and the truth:
 * which row each duplicate copies. Shared by {@code SemDeDupSelectorTest} and {@code
 * SemDeDupBenchmark}.
 *
 * <p>An original is {@code normalise(centre + g)} with {@code g} standard normal per coordinate, so
 * two originals of one blob have a cosine near 0.5. A duplicate is {@code normalise(original +
 * noise · g / sqrt(dim))}, whose cosine to its original is about {@code 1 - noise² / 2}.
 *
 * @param data the set: ids {@code train/<row>}, each row's label its blob modulo the classes
 * @param original for each row, the row it duplicates, or -1 for an original
 */
record PlantedDuplicates(EmbeddingSet data, int[] original) {

  /**
   * @param n rows
   * @param dim dimensions
   * @param classes labels
   * @param blobs Gaussian blobs
   * @param rate the share of rows that duplicate an earlier original
   * @param noise the duplicate's perturbation (see the class comment)
   * @param seed the seed
   */
  static PlantedDuplicates generate(
      int n, int dim, int classes, int blobs, double rate, double noise, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] centres = new float[blobs][dim];
    for (float[] c : centres) {
      for (int j = 0; j < dim; j++) {
        c[j] = (float) rng.nextGaussian();
      }
    }
    float[][] vectors = new float[n][];
    int[] labels = new int[n];
    int[] original = new int[n];
    int[] originals = new int[n];
    int originalCount = 0;
    List<String> ids = new ArrayList<>(n);
    double[] v = new double[dim];
    for (int i = 0; i < n; i++) {
      boolean duplicate = originalCount > 0 && rng.nextDouble() < rate;
      if (duplicate) {
        int of = originals[rng.nextInt(originalCount)];
        double scale = noise / Math.sqrt(dim);
        for (int j = 0; j < dim; j++) {
          v[j] = vectors[of][j] + scale * rng.nextGaussian();
        }
        original[i] = of;
        labels[i] = labels[of];
      } else {
        int blob = rng.nextInt(blobs);
        for (int j = 0; j < dim; j++) {
          v[j] = centres[blob][j] + rng.nextGaussian();
        }
        original[i] = -1;
        labels[i] = blob % classes;
        originals[originalCount++] = i;
      }
      vectors[i] = unit(v);
      ids.add("train/" + i);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class" + c);
    }
    TreeMap<String, String> attributes = new TreeMap<>();
    attributes.put("dataset_format", "synthetic");
    return new PlantedDuplicates(
        new EmbeddingSet("planted", ids, labels, names, vectors, attributes), original);
  }

  private static float[] unit(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    float[] out = new float[v.length];
    for (int j = 0; j < v.length; j++) {
      out[j] = (float) (v[j] / norm);
    }
    return out;
  }

  /** The row each row's planted group is named by: its original, or itself. */
  int groupOf(int row) {
    return original[row] >= 0 ? original[row] : row;
  }

  /** Rows that a perfect deduplication removes: one fewer than each planted group's size. */
  int duplicates() {
    int d = 0;
    for (int o : original) {
      d += o >= 0 ? 1 : 0;
    }
    return d;
  }

  /**
   * Precision and recall of a selection's removals: a removal is right when its representative is
   * of its planted group.
   *
   * @return {precision, recall}; precision 1 when nothing was removed
   */
  double[] precisionRecall(Selection s) {
    int removed = 0;
    int right = 0;
    for (int i = 0; i < s.size(); i++) {
      if (!s.kept(i)) {
        removed++;
        right += groupOf(i) == groupOf(s.representative()[i]) ? 1 : 0;
      }
    }
    return new double[] {
      removed == 0 ? 1 : right / (double) removed,
      duplicates() == 0 ? 1 : right / (double) duplicates()
    };
  }
}
