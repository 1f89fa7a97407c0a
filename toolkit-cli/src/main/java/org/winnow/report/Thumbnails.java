package org.winnow.report;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;

/**
 * Small PNG images of dataset samples as {@code data:} URIs, so the report needs no files beside
 * it. Images smaller than the target are enlarged by a whole factor with nearest-neighbour sampling
 * (a 28 x 28 Fashion-MNIST image becomes 84 x 84 with sharp pixels); larger ones are reduced to fit
 * the target by area averaging.
 */
final class Thumbnails {

  /** The longer side of a thumbnail, in pixels, about. */
  static final int TARGET = 84;

  private Thumbnails() {}

  /** The {@code data:image/png;base64,...} URI of a sample's thumbnail. */
  static String dataUri(ImageDataset dataset, Sample sample) {
    BufferedImage img = thumbnail(toBuffered(dataset.decode(sample)));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
  }

  /** Scales to about {@link #TARGET} on the longer side. */
  static BufferedImage thumbnail(BufferedImage src) {
    int w = src.getWidth();
    int h = src.getHeight();
    int longer = Math.max(w, h);
    if (longer <= TARGET) {
      int k = Math.max(1, (TARGET + longer - 1) / longer);
      // Raster samples, not getRGB/setRGB, which pass gray through a colour conversion.
      BufferedImage out = new BufferedImage(w * k, h * k, src.getType());
      java.awt.image.Raster in = src.getRaster();
      java.awt.image.WritableRaster to = out.getRaster();
      int[] px = new int[in.getNumBands()];
      for (int y = 0; y < h * k; y++) {
        for (int x = 0; x < w * k; x++) {
          to.setPixel(x, y, in.getPixel(x / k, y / k, px));
        }
      }
      return out;
    }
    int tw = Math.max(1, Math.round((float) w * TARGET / longer));
    int th = Math.max(1, Math.round((float) h * TARGET / longer));
    Image scaled = src.getScaledInstance(tw, th, Image.SCALE_AREA_AVERAGING);
    BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
    out.getGraphics().drawImage(scaled, 0, 0, null);
    return out;
  }

  /** A decoded CHW image as a Java2D image (gray or RGB). */
  static BufferedImage toBuffered(org.winnow.datasets.Image im) {
    int w = im.width();
    int h = im.height();
    BufferedImage out =
        new BufferedImage(
            w, h, im.channels() == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
    if (im.channels() == 1) {
      out.getRaster().setDataElements(0, 0, w, h, im.pixels());
      return out;
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(x, y, (im.get(0, y, x) << 16) | (im.get(1, y, x) << 8) | im.get(2, y, x));
      }
    }
    return out;
  }
}
