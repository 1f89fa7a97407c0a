package org.winnow.datasets;

import java.util.Objects;

/**
 * A decoded image as unsigned 8-bit pixels in planar, channels-first order (CHW), the layout a
 * PyTorch tensor of shape {@code [channels, height, width]} has. Value of channel {@code c} at row
 * {@code y}, column {@code x}: {@code pixels[(c * height + y) * width + x] & 0xFF}.
 *
 * @param channels 1 (grayscale) or 3 (RGB)
 * @param height rows
 * @param width columns
 * @param pixels {@code channels * height * width} bytes; not copied, do not modify
 */
public record Image(int channels, int height, int width, byte[] pixels) {

  /** Validates the shape against the pixel count. */
  public Image {
    Objects.requireNonNull(pixels, "pixels");
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
    }
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + width + "x" + height);
    }
    if ((long) channels * height * width != pixels.length) {
      throw new IllegalArgumentException(
          "expected "
              + (long) channels * height * width
              + " bytes for "
              + channels
              + "x"
              + height
              + "x"
              + width
              + ", got "
              + pixels.length);
    }
  }

  /** The unsigned value at one position. */
  public int get(int channel, int y, int x) {
    return pixels[(channel * height + y) * width + x] & 0xFF;
  }
}
