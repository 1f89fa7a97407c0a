package org.winnow.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;
import java.util.List;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Prefetcher;
import org.winnow.datasets.Sample;

/**
 * Samples of a dataset as {@link Inference.Batches}: worker threads decode and preprocess each
 * batch ({@link Preprocessing}) into a bounded queue ({@link Prefetcher}, at most {@code 2 ×
 * workers} batches ahead) while the model runs, and each batch is copied to the model's device as
 * it is taken.
 */
final class DatasetBatches implements Inference.Batches {

  private final Preprocessing preprocessing;
  private final int count;
  private final Prefetcher<float[]> decoded;
  private final int[] sizes;
  private int next;

  /**
   * Starts decoding.
   *
   * @param samples the samples, in the order their rows are numbered
   * @param batchSize images per batch; the last batch takes the rest
   */
  DatasetBatches(
      ImageDataset dataset,
      List<Sample> samples,
      Preprocessing preprocessing,
      int batchSize,
      int workers) {
    this.preprocessing = preprocessing;
    this.count = Math.ceilDiv(samples.size(), batchSize);
    this.sizes = new int[count];
    for (int k = 0; k < count; k++) {
      sizes[k] = Math.min(batchSize, samples.size() - k * batchSize);
    }
    int n = preprocessing.floatsPerImage();
    this.decoded =
        new Prefetcher<>(
            count,
            k -> {
              float[] input = new float[sizes[k] * n];
              for (int i = 0; i < sizes[k]; i++) {
                preprocessing.apply(dataset.decode(samples.get(k * batchSize + i)), input, i * n);
              }
              return input;
            },
            workers,
            2 * workers);
  }

  @Override
  public int count() {
    return count;
  }

  @Override
  public NDArray next(NDManager scope) {
    int images = sizes[next++];
    int side = preprocessing.imageSize();
    return scope.create(
        FloatBuffer.wrap(decoded.next()), new Shape(images, preprocessing.channels(), side, side));
  }

  @Override
  public void close() {
    decoded.close();
  }
}
