package org.winnow.train;

import java.util.List;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;

/**
 * Samples decoded into one {@code count × C × S × S} byte block on the host, ready to copy to the
 * device in one piece: a whole split of a binary format (CIFAR, IDX, already in memory and of one
 * square size), or one chunk of a folder split decoded and resized by a worker ({@link
 * StreamedImages}).
 *
 * @param pixels CHW bytes of every image, in sample order
 * @param count number of images
 * @param channels 1 or 3
 * @param size side of the square images
 * @param labels class of each image
 */
record HostImages(byte[] pixels, int count, int channels, int size, int[] labels) {

  /**
   * Copies a whole split of a binary format, whose images all have the first one's shape.
   *
   * @throws TrainingException when images are not square or not all the same size, or the set is
   *     too large to hold as one block
   */
  static HostImages decode(
      ImageDataset dataset, List<Sample> samples, Progress progress, String stage) {
    int n = samples.size();
    if (n == 0) {
      return new HostImages(new byte[0], 0, 1, 0, new int[0]);
    }
    Image first = dataset.decode(samples.getFirst());
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
    for (int i = 0; i < n; i++) {
      Sample s = samples.get(i);
      Image img = i == 0 ? first : dataset.decode(s);
      if (img.channels() != first.channels()
          || img.width() != first.width()
          || img.height() != first.height()
          || img.width() != img.height()) {
        throw new TrainingException(
            String.format(
                "%s: image %s is %dx%dx%d but the first is %dx%dx%d; in-memory training needs"
                    + " square images of one size",
                dataset.root(),
                s.id(),
                img.channels(),
                img.width(),
                img.height(),
                first.channels(),
                first.width(),
                first.height()));
      }
      System.arraycopy(img.pixels(), 0, pixels, i * per, per);
      labels[i] = s.label();
      progress.advance(1);
    }
    progress.finish();
    return new HostImages(pixels, n, first.channels(), first.width(), labels);
  }

  /**
   * Decodes samples {@code rows} of {@code samples}, each resized so that its shorter side is
   * {@code size} and centre-cropped to {@code size × size} (bilinear with half-pixel centres, no
   * antialiasing, as PyTorch's {@code interpolate(mode='bilinear', align_corners=False)}); an image
   * already {@code size × size} is copied as it is.
   *
   * @throws TrainingException when an image has another channel count than {@code channels}
   * @throws org.winnow.datasets.DatasetException naming a file that cannot be decoded
   */
  static HostImages resized(
      ImageDataset dataset, List<Sample> samples, int[] rows, int channels, int size) {
    int per = channels * size * size;
    byte[] pixels = new byte[rows.length * per];
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      Sample s = samples.get(rows[i]);
      Image img = dataset.decode(s);
      if (img.channels() != channels) {
        throw new TrainingException(
            String.format(
                "%s: image has %d channels, the first training image %d",
                dataset.root().resolve(s.source()), img.channels(), channels));
      }
      shorterSideCentreCrop(img, size, pixels, i * per);
      labels[i] = s.label();
    }
    return new HostImages(pixels, rows.length, channels, size, labels);
  }

  private static void shorterSideCentreCrop(Image img, int size, byte[] out, int offset) {
    int h = img.height();
    int w = img.width();
    byte[] src = img.pixels();
    if (h == size && w == size) {
      System.arraycopy(src, 0, out, offset, src.length);
      return;
    }
    // Source pixels per output pixel, and the resized image's size before the crop.
    double scale = (double) Math.min(h, w) / size;
    int rh = h <= w ? size : (int) Math.round(h / scale);
    int rw = w <= h ? size : (int) Math.round(w / scale);
    int top = (rh - size) / 2;
    int left = (rw - size) / 2;
    for (int c = 0; c < img.channels(); c++) {
      int plane = c * h * w;
      int base = offset + c * size * size;
      for (int y = 0; y < size; y++) {
        double fy = Math.max(0, (y + top + 0.5) * scale - 0.5);
        int y0 = Math.min((int) fy, h - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double ly = fy - y0;
        for (int x = 0; x < size; x++) {
          double fx = Math.max(0, (x + left + 0.5) * scale - 0.5);
          int x0 = Math.min((int) fx, w - 1);
          int x1 = Math.min(x0 + 1, w - 1);
          double lx = fx - x0;
          double upper =
              (src[plane + y0 * w + x0] & 0xFF) * (1 - lx) + (src[plane + y0 * w + x1] & 0xFF) * lx;
          double lower =
              (src[plane + y1 * w + x0] & 0xFF) * (1 - lx) + (src[plane + y1 * w + x1] & 0xFF) * lx;
          out[base + y * size + x] = (byte) Math.round(upper * (1 - ly) + lower * ly);
        }
      }
    }
  }
}
