package org.winnow.datasets;

import java.util.Arrays;
import java.util.Objects;

/**
 * A block of same-sized images held in memory as one {@code [count, channels, height, width]} uint8
 * array: the layout binary formats are decoded into, and that a training loop can copy to its
 * device in one piece.
 *
 * @param count number of images
 * @param channels 1 or 3
 * @param height rows of each image
 * @param width columns of each image
 * @param pixels {@code count * channels * height * width} bytes; not copied, do not modify
 */
public record InMemoryImages(int count, int channels, int height, int width, byte[] pixels) {

  /** Validates the shape against the pixel count. */
  public InMemoryImages {
    Objects.requireNonNull(pixels, "pixels");
    if ((long) count * channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "expected " + (long) count * channels * height * width + " bytes, got " + pixels.length);
    }
  }

  /** Bytes per image. */
  public int imageBytes() {
    return channels * height * width;
  }

  /** A copy of image {@code index}. */
  public Image image(int index) {
    Objects.checkIndex(index, count);
    int n = imageBytes();
    return new Image(channels, height, width, Arrays.copyOfRange(pixels, index * n, index * n + n));
  }
}
