package org.winnow.train;

import java.util.List;

/**
 * A split's images as the training and evaluation loops read them: rows {@code 0 .. count-1}, in
 * chunks (a step's candidates, an evaluation batch) whose order is known before the first is
 * needed. {@link DeviceImages} holds a whole small split on the device and hands itself out for
 * every chunk; {@link StreamedImages} decodes each chunk of a folder dataset on worker threads
 * ahead of the loop.
 */
interface ImageSource extends AutoCloseable {

  /** Number of images. */
  int count();

  /**
   * The images of {@code chunks}, one {@link Chunk} per chunk in order; each holds at least its
   * chunk's rows, addressed by their row numbers in this source.
   */
  Feed feed(List<int[]> chunks);

  @Override
  void close();

  /** Chunks in the order they were asked for. */
  @FunctionalInterface
  interface Feed extends AutoCloseable {
    /** The next chunk's images; the caller closes it after its step. */
    Chunk next();

    @Override
    default void close() {}
  }

  /**
   * One chunk's images.
   *
   * @param images the device images that hold the chunk's rows
   * @param owned whether they were made for this chunk alone, and so are freed when it closes
   */
  record Chunk(DeviceImages images, boolean owned) implements AutoCloseable {
    @Override
    public void close() {
      if (owned) {
        images.close();
      }
    }
  }
}
