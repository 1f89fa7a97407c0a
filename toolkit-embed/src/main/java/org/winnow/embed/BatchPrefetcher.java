package org.winnow.embed;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;

/**
 * Decodes and preprocesses batches on worker threads ahead of the model, handing them out in order.
 * At most {@code 2 × workers} batches are decoded or in flight at once, so memory stays bounded
 * however far the decoders could run ahead.
 */
final class BatchPrefetcher implements AutoCloseable {

  /**
   * A preprocessed batch.
   *
   * @param start position of its first sample in the embedded sample list
   * @param count images in it
   * @param input {@code count × floatsPerImage} model-input floats
   */
  record Batch(int start, int count, float[] input) {}

  private final ImageDataset dataset;
  private final List<Sample> samples;
  private final Preprocessing preprocessing;
  private final int batchSize;
  private final int end;
  private final int depth;
  private final ExecutorService pool;
  private final ArrayDeque<Future<Batch>> pending = new ArrayDeque<>();
  private int nextStart;

  /** Prefetches samples {@code [from, to)} in batches of {@code batchSize}. */
  BatchPrefetcher(
      ImageDataset dataset,
      List<Sample> samples,
      int from,
      int to,
      int batchSize,
      Preprocessing preprocessing,
      int workers) {
    this.dataset = dataset;
    this.samples = samples;
    this.preprocessing = preprocessing;
    this.batchSize = batchSize;
    this.end = to;
    this.nextStart = from;
    this.depth = 2 * workers;
    this.pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().daemon().name("winnow-decode-", 0).factory());
    fill();
  }

  /** Whether another batch remains. */
  boolean hasNext() {
    return !pending.isEmpty();
  }

  /**
   * The next batch in order, waiting for it if needed.
   *
   * @throws org.winnow.datasets.DatasetException when a sample of it cannot be decoded
   */
  Batch next() {
    Future<Batch> f = pending.poll();
    fill();
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddingException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new EmbeddingException("decoding failed: " + e.getCause(), e.getCause());
    }
  }

  private void fill() {
    while (pending.size() < depth && nextStart < end) {
      int start = nextStart;
      int count = Math.min(batchSize, end - start);
      nextStart += count;
      pending.add(pool.submit(() -> decode(start, count)));
    }
  }

  private Batch decode(int start, int count) {
    int n = preprocessing.floatsPerImage();
    float[] input = new float[count * n];
    for (int i = 0; i < count; i++) {
      preprocessing.apply(dataset.decode(samples.get(start + i)), input, i * n);
    }
    return new Batch(start, count, input);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
