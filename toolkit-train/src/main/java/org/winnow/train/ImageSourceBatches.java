package org.winnow.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.winnow.embed.Inference;

/**
 * A split's images, not augmented, as the input of an {@link Inference} pass, in the evaluation
 * chunks of {@link Training}: rows {@code 0 .. count-1} in order, normalised on the device as
 * training normalises them. Remembers each served row's label for the pass's consumer.
 */
final class ImageSourceBatches implements Inference.Batches {

  private final List<int[]> chunks;
  private final ImageSource.Feed feed;
  private final long[] labels;
  private int next;

  ImageSourceBatches(ImageSource images) {
    this.chunks = Training.chunks(Training.allRows(images.count()));
    this.feed = images.feed(chunks);
    this.labels = new long[images.count()];
  }

  @Override
  public int count() {
    return chunks.size();
  }

  @Override
  public NDArray next(NDManager scope) {
    int[] rows = chunks.get(next++);
    try (ImageSource.Chunk c = feed.next()) {
      long[] l = c.images().labels(scope, rows).toLongArray();
      for (int i = 0; i < rows.length; i++) {
        labels[rows[i]] = l[i];
      }
      return c.images().plain(scope, rows);
    }
  }

  /** The label of a row already served. */
  int label(int row) {
    return (int) labels[row];
  }

  @Override
  public void close() {
    feed.close();
  }
}
