package org.winnow.datasets.folder;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.Image;

/**
 * Converts a decoded {@link BufferedImage} into a CHW {@link Image}, following what PIL's {@code
 * convert("RGB")} and {@code convert("L")} do, so that pixels match those a torchvision pipeline
 * sees. The rules are listed in the package documentation.
 *
 * <p>Samples are read from the raster, not through {@code getRGB}: Java treats {@code CS_GRAY} as
 * linear light and would brighten every grey pixel on its way to sRGB (128 becomes 188), while PIL
 * keeps stored values as they are.
 */
final class PixelConversion {

  private PixelConversion() {}

  /** The image in {@code mode}'s channel layout. */
  static Image toImage(BufferedImage image, ColorMode mode) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] planes = sourcePlanes(image);
    int channels = planes.length / (w * h);
    byte[] out =
        switch (mode) {
          case RGB -> channels == 3 ? planes : replicate(planes);
          case GRAY -> channels == 1 ? planes : luma(planes, w * h);
        };
    return new Image(mode.channels(), h, w, out);
  }

  /**
   * The image's own channels as 8-bit planes: one for grey sources, three (R, G, B) for everything
   * else. Alpha is dropped without compositing, as PIL does.
   */
  private static byte[] sourcePlanes(BufferedImage image) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    int plane = image.getWidth() * image.getHeight();
    if (cm instanceof IndexColorModel palette) {
      return fromPalette(raster, palette);
    }
    if (Arrays.stream(cm.getComponentSize()).anyMatch(bits -> bits > 16)) {
      // 32-bit or float samples (TIFF data under an image extension): not read directly.
      return viaSrgb(image);
    }
    int colours = cm.getNumColorComponents();
    int type = cm.getColorSpace().getType();
    if (type == ColorSpace.TYPE_GRAY && colours == 1) {
      byte[] out = new byte[plane];
      readBand(raster, 0, cm.getComponentSize(0), out, 0);
      return out;
    }
    if (type == ColorSpace.TYPE_RGB && colours == 3) {
      byte[] out = new byte[3 * plane];
      for (int b = 0; b < 3; b++) {
        readBand(raster, b, cm.getComponentSize(b), out, b * plane);
      }
      return out;
    }
    if (type == ColorSpace.TYPE_CMYK && colours == 4) {
      return fromCmyk(raster, cm);
    }
    return viaSrgb(image);
  }

  /**
   * Copies band {@code band} into {@code out} at {@code offset}, row by row, scaling samples of
   * more (or fewer) than 8 bits by rounding {@code v * 255 / max}.
   */
  private static void readBand(Raster raster, int band, int bits, byte[] out, int offset) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    if (bits == 8
        && raster.getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getNumBanks() == 1
        && raster.getSampleModel() instanceof ComponentSampleModel sm
        && raster.getSampleModelTranslateX() == 0
        && raster.getSampleModelTranslateY() == 0) {
      // The common case (8-bit JPEG, PNG, BMP) straight from the backing array: several times
      // faster than Raster.getSamples, which goes through the sample model for every value.
      byte[] data = buffer.getData();
      int stride = sm.getPixelStride();
      int scanline = sm.getScanlineStride();
      int start = buffer.getOffset() + sm.getBandOffsets()[band];
      for (int y = 0, o = offset; y < h; y++) {
        for (int x = 0, i = start + y * scanline; x < w; x++, i += stride) {
          out[o++] = data[i];
        }
      }
      return;
    }
    int max = (1 << bits) - 1;
    int[] row = new int[w];
    for (int y = 0, o = offset; y < h; y++) {
      raster.getSamples(0, y, w, 1, band, row);
      for (int x = 0; x < w; x++) {
        out[o++] = (byte) (bits == 8 ? row[x] : (row[x] * 255 + max / 2) / max);
      }
    }
  }

  /** Palette indices looked up in the palette; transparency is ignored. */
  private static byte[] fromPalette(Raster raster, IndexColorModel palette) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int plane = w * h;
    int size = palette.getMapSize();
    byte[] reds = new byte[size];
    byte[] greens = new byte[size];
    byte[] blues = new byte[size];
    palette.getReds(reds);
    palette.getGreens(greens);
    palette.getBlues(blues);
    byte[] out = new byte[3 * plane];
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        // A damaged file can hold indices past the palette; PIL shows those as black.
        int i = row[x] < size ? row[x] : -1;
        out[o + x] = i < 0 ? 0 : reds[i];
        out[plane + o + x] = i < 0 ? 0 : greens[i];
        out[2 * plane + o + x] = i < 0 ? 0 : blues[i];
      }
    }
    return out;
  }

  /**
   * CMYK as PIL converts it: {@code R = (255 - C) * (255 - K) / 255}, likewise G from M and B from
   * Y, with no colour profile. The JDK's JPEG reader has already undone the inversion Adobe
   * applications store CMYK with (and converted YCCK to CMYK), so the raster holds plain CMYK.
   */
  private static byte[] fromCmyk(Raster raster, ColorModel cm) {
    int plane = raster.getWidth() * raster.getHeight();
    byte[] cmyk = new byte[4 * plane];
    for (int b = 0; b < 4; b++) {
      readBand(raster, b, cm.getComponentSize(b), cmyk, b * plane);
    }
    byte[] out = new byte[3 * plane];
    for (int i = 0; i < plane; i++) {
      int keep = 255 - (cmyk[3 * plane + i] & 0xFF);
      for (int c = 0; c < 3; c++) {
        out[c * plane + i] = (byte) (((255 - (cmyk[c * plane + i] & 0xFF)) * keep + 127) / 255);
      }
    }
    return out;
  }

  /** Any other colour space (rare: e.g. a JPEG with an unusual ICC profile), through sRGB. */
  private static byte[] viaSrgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int plane = w * h;
    byte[] out = new byte[3 * plane];
    int[] row = new int[w];
    for (int y = 0, o = 0; y < h; y++, o += w) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        out[o + x] = (byte) (row[x] >> 16);
        out[plane + o + x] = (byte) (row[x] >> 8);
        out[2 * plane + o + x] = (byte) row[x];
      }
    }
    return out;
  }

  private static byte[] replicate(byte[] gray) {
    byte[] out = new byte[3 * gray.length];
    for (int c = 0; c < 3; c++) {
      System.arraycopy(gray, 0, out, c * gray.length, gray.length);
    }
    return out;
  }

  /** ITU-R 601-2 luma in integers, {@code L = (299 R + 587 G + 114 B + 500) / 1000}. */
  private static byte[] luma(byte[] rgb, int plane) {
    byte[] out = new byte[plane];
    for (int i = 0; i < plane; i++) {
      int r = rgb[i] & 0xFF;
      int g = rgb[plane + i] & 0xFF;
      int b = rgb[2 * plane + i] & 0xFF;
      out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
    }
    return out;
  }
}
