package org.winnow.datasets;

/**
 * The shape a sample decodes to, known without decoding it where the format allows.
 *
 * @param channels 1 or 3
 * @param height rows
 * @param width columns
 */
public record ImageShape(int channels, int height, int width) {

  /** The shape of a decoded image. */
  public static ImageShape of(Image image) {
    return new ImageShape(image.channels(), image.height(), image.width());
  }
}
