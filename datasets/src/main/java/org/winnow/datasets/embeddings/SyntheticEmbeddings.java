package org.winnow.datasets.embeddings;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded synthetic embeddings for tests and benchmarks: each class is a mixture of Gaussian blobs
 * around random centres, every row scaled to unit length. Samples are interleaved by class ({@code
 * label = row % classes}, as in CIFAR's batches) with ids {@code train/<row>}.
 */
public final class SyntheticEmbeddings {

  private SyntheticEmbeddings() {}

  /**
   * Gaussian clusters.
   *
   * @param classes the number of classes
   * @param perClass samples per class
   * @param dim the dimension
   * @param blobsPerClass Gaussian blobs per class
   * @param spread the standard deviation of each coordinate around a blob's centre, relative to the
   *     centres' (1 per coordinate)
   * @param seed the seed
   */
  public static EmbeddingSet gaussianClusters(
      int classes, int perClass, int dim, int blobsPerClass, double spread, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[][][] centres = new double[classes][blobsPerClass][dim];
    for (double[][] c : centres) {
      for (double[] b : c) {
        for (int j = 0; j < dim; j++) {
          b[j] = gaussian(rng);
        }
      }
    }
    int n = classes * perClass;
    float[][] vectors = new float[n][dim];
    int[] labels = new int[n];
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int label = i % classes;
      double[] centre = centres[label][rng.nextInt(blobsPerClass)];
      double[] v = new double[dim];
      double norm = 0;
      for (int j = 0; j < dim; j++) {
        v[j] = centre[j] + spread * gaussian(rng);
        norm += v[j] * v[j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < dim; j++) {
        vectors[i][j] = (float) (v[j] / norm);
      }
      labels[i] = label;
      ids.add("train/" + i);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class" + c);
    }
    TreeMap<String, String> attributes = new TreeMap<>();
    attributes.put("dataset_format", "synthetic");
    attributes.put("model", "gaussian-clusters seed " + seed);
    return new EmbeddingSet("synthetic", ids, labels, names, vectors, attributes);
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; SplittableRandom has no nextGaussian of its own on every JDK release.
    double u = 1 - rng.nextDouble();
    double v = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
