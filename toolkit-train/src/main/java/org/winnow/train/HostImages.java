package org.winnow.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;

/**
 * Samples decoded into one {@code count × C × S × S} byte block on the host, ready to copy to the
 * device in one piece. Binary formats (CIFAR, IDX) are already in memory; folder images are decoded
 * by worker threads, every image once per run.
 *
 * @param pixels CHW bytes of every image, in sample order
 * @param count number of images
 * @param channels 1 or 3
 * @param size side of the square images
 * @param labels class of each image
 */
record HostImages(byte[] pixels, int count, int channels, int size, int[] labels) {

  /** Images per decoding task for folder datasets. */
  private static final int CHUNK = 256;

  /**
   * Decodes {@code samples}.
   *
   * @throws TrainingException when images are not square or not all the same size, or the set is
   *     too large to hold as one block
   */
  static HostImages decode(
      ImageDataset dataset, List<Sample> samples, int workers, Progress progress, String stage) {
    int n = samples.size();
    if (n == 0) {
      return new HostImages(new byte[0], 0, 1, 0, new int[0]);
    }
    Image first = dataset.decode(samples.getFirst());
    if (first.width() != first.height()) {
      throw new TrainingException(
          dataset.root().resolve(samples.getFirst().source())
              + ": training needs square images, this one is "
              + first.width()
              + "x"
              + first.height()
              + " (resize the dataset first)");
    }
    int per = first.pixels().length;
    long total = (long) n * per;
    if (total > Integer.MAX_VALUE - 64) {
      throw new TrainingException(
          String.format(
              "%s: %,d images of %d bytes do not fit one in-memory block (2 GiB); train on a"
                  + " smaller or downsampled copy",
              dataset.root(), n, per));
    }
    byte[] pixels = new byte[(int) total];
    int[] labels = new int[n];
    progress.start(stage, n);
    if (dataset.format() != DatasetFormat.FOLDER || workers <= 1) {
      for (int i = 0; i < n; i++) {
        copy(dataset, samples, i, first, pixels, labels);
        progress.advance(1);
      }
    } else {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              workers, Thread.ofPlatform().daemon().name("winnow-decode-", 0).factory());
      try {
        List<Future<?>> tasks = new ArrayList<>();
        for (int start = 0; start < n; start += CHUNK) {
          int from = start;
          int to = Math.min(n, start + CHUNK);
          tasks.add(
              pool.submit(
                  () -> {
                    for (int i = from; i < to; i++) {
                      copy(dataset, samples, i, first, pixels, labels);
                    }
                    progress.advance(to - from);
                  }));
        }
        for (Future<?> t : tasks) {
          t.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TrainingException("interrupted while decoding images", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new TrainingException("decoding failed: " + e.getCause(), e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    progress.finish();
    return new HostImages(pixels, n, first.channels(), first.width(), labels);
  }

  private static void copy(
      ImageDataset dataset, List<Sample> samples, int i, Image first, byte[] pixels, int[] labels) {
    Sample s = samples.get(i);
    Image img = i == 0 ? first : dataset.decode(s);
    if (img.channels() != first.channels()
        || img.width() != first.width()
        || img.height() != first.height()) {
      throw new TrainingException(
          String.format(
              "%s: image is %dx%dx%d but the first training image is %dx%dx%d; training needs"
                  + " images of one size (resize the dataset first)",
              dataset.root().resolve(s.source()),
              img.channels(),
              img.width(),
              img.height(),
              first.channels(),
              first.width(),
              first.height()));
    }
    System.arraycopy(img.pixels(), 0, pixels, i * img.pixels().length, img.pixels().length);
    labels[i] = s.label();
  }
}
