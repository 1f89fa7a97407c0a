package org.winnow.train;

import ai.djl.Device;
import java.util.List;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Prefetcher;
import org.winnow.datasets.Sample;
import org.winnow.nets.Normalization;

/**
 * A folder dataset's split read chunk by chunk: {@code workers} threads decode each chunk's images
 * ({@link HostImages#resized}: shorter side to the input size, centre crop) through a {@link
 * Prefetcher} at most {@value #DEPTH_PER_WORKER}{@code × workers} chunks ahead of the loop, and the
 * loop copies each to the device as a small {@link DeviceImages}, where the same augmentation as
 * for in-memory sets runs. Host memory is therefore bounded by the queue depth times a chunk's
 * decoded bytes (plus one full-size decoded image per worker), not by the dataset's size.
 */
final class StreamedImages implements ImageSource {

  /** Chunks decoded or waiting per worker thread: enough to keep every worker busy. */
  static final int DEPTH_PER_WORKER = 2;

  private final ImageDataset dataset;
  private final List<Sample> samples;
  private final int channels;
  private final int size;
  private final int workers;
  private final Device device;
  private final Normalization normalization;

  StreamedImages(
      ImageDataset dataset,
      List<Sample> samples,
      int channels,
      int size,
      int workers,
      Device device,
      Normalization normalization) {
    this.dataset = dataset;
    this.samples = List.copyOf(samples);
    this.channels = channels;
    this.size = size;
    this.workers = workers;
    this.device = device;
    this.normalization = normalization;
  }

  @Override
  public int count() {
    return samples.size();
  }

  @Override
  public Feed feed(List<int[]> chunks) {
    Prefetcher<HostImages> decoded =
        new Prefetcher<>(
            chunks.size(),
            k -> HostImages.resized(dataset, samples, chunks.get(k), channels, size),
            workers,
            DEPTH_PER_WORKER * workers);
    return new Feed() {
      private int next;

      @Override
      public Chunk next() {
        HostImages h = decoded.next();
        return new Chunk(
            new DeviceImages(
                device,
                h.pixels(),
                h.count(),
                channels,
                size,
                h.labels(),
                normalization,
                chunks.get(next++)),
            true);
      }

      @Override
      public void close() {
        decoded.close();
      }
    };
  }

  @Override
  public void close() {}
}
