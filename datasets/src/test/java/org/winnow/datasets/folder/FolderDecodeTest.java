package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.Image;
import org.winnow.datasets.OpenOptions;

class FolderDecodeTest {

  @TempDir Path root;

  /** Writes one file as the only sample of a dataset and decodes it. */
  private Image decode(String name, byte[] contents, ColorMode mode) {
    TestImages.bytes(root, "c/" + name, contents);
    return decodeFirst(mode);
  }

  private Image decodeFirst(ColorMode mode) {
    FolderDataset ds = TestImages.open(root, OpenOptions.defaults().withColor(mode));
    return ds.decode(ds.samples().getFirst());
  }

  private Image decode(String name, BufferedImage image, String format, ColorMode mode) {
    return decode(name, TestImages.encode(image, format), mode);
  }

  private static int[] rgbAt(Image image, int y, int x) {
    return new int[] {image.get(0, y, x), image.get(1, y, x), image.get(2, y, x)};
  }

  private static void assertNear(int[] expected, int[] actual, int tolerance) {
    for (int c = 0; c < expected.length; c++) {
      int e = expected[c];
      int a = actual[c];
      assertTrue(
          Math.abs(e - a) <= tolerance,
          "channel " + c + ": expected " + e + " +- " + tolerance + ", got " + a);
    }
  }

  @Test
  void rgbPngIsExactInChwOrder() {
    BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    int[][] colours = {{0x102030, 0x405060, 0x708090}, {0xA0B0C0, 0xD0E0F0, 0x01FF7F}};
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 3; x++) {
        img.setRGB(x, y, colours[y][x]);
      }
    }

    Image out = decode("a.png", img, "png", ColorMode.RGB);

    assertEquals(3, out.channels());
    assertEquals(2, out.height());
    assertEquals(3, out.width());
    byte[] expected = new byte[18];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 3; x++) {
          expected[(c * 2 + y) * 3 + x] = (byte) (colours[y][x] >> (16 - 8 * c));
        }
      }
    }
    assertArrayEquals(expected, out.pixels());
  }

  @Test
  void grayPngKeepsStoredValuesAndIsReplicatedInRgbMode() {
    BufferedImage img = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
    img.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 37, 128, 255});

    Image rgb = decode("g.png", img, "png", ColorMode.RGB);
    Image gray = decodeFirst(ColorMode.GRAY);

    assertArrayEquals(new byte[] {0, 37, (byte) 128, (byte) 255}, gray.pixels());
    assertEquals(1, gray.channels());
    assertArrayEquals(
        new byte[] {
          0,
          37,
          (byte) 128,
          (byte) 255,
          0,
          37,
          (byte) 128,
          (byte) 255,
          0,
          37,
          (byte) 128,
          (byte) 255
        },
        rgb.pixels());
  }

  @Test
  void sixteenBitGrayIsRoundedTo8Bits() {
    BufferedImage img = new BufferedImage(6, 1, BufferedImage.TYPE_USHORT_GRAY);
    // v * 255 / 65535 = v / 257: 128.5 / 257 rounds to 0 ... 32768 / 257 = 127.502 rounds to 128.
    img.getRaster().setSamples(0, 0, 6, 1, 0, new int[] {0, 128, 129, 32767, 32768, 65535});

    Image out = decode("g16.png", img, "png", ColorMode.GRAY);

    assertArrayEquals(new byte[] {0, 0, 1, 127, (byte) 128, (byte) 255}, out.pixels());
  }

  @Test
  void palettePngGivesThePaletteColours() {
    byte[] r = {(byte) 255, 0, 10, (byte) 200};
    byte[] g = {0, (byte) 255, 20, 100};
    byte[] b = {0, 0, 30, 50};
    BufferedImage img =
        new BufferedImage(
            4, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, r, g, b));
    img.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {3, 2, 1, 0});

    Image out = decode("p.png", img, "png", ColorMode.RGB);

    assertArrayEquals(new int[] {200, 100, 50}, rgbAt(out, 0, 0));
    assertArrayEquals(new int[] {10, 20, 30}, rgbAt(out, 0, 1));
    assertArrayEquals(new int[] {0, 255, 0}, rgbAt(out, 0, 2));
    assertArrayEquals(new int[] {255, 0, 0}, rgbAt(out, 0, 3));
  }

  @Test
  void alphaIsDroppedNotComposited() {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    img.setRGB(0, 0, 0x40C86432); // alpha 0x40 over (200, 100, 50)
    img.setRGB(1, 0, 0x000A141E); // fully transparent (10, 20, 30)

    Image out = decode("a.png", img, "png", ColorMode.RGB);

    assertArrayEquals(new int[] {200, 100, 50}, rgbAt(out, 0, 0));
    assertArrayEquals(new int[] {10, 20, 30}, rgbAt(out, 0, 1));
  }

  @Test
  void grayModeUsesIntegerLuma() {
    BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
    img.setRGB(0, 0, 0xC86432); // (299*200 + 587*100 + 114*50 + 500) / 1000 = 124
    img.setRGB(1, 0, 0x0AFA03); // (299*10 + 587*250 + 114*3 + 500) / 1000 = 150

    Image out = decode("l.png", img, "png", ColorMode.GRAY);

    assertEquals(1, out.channels());
    assertArrayEquals(new byte[] {124, (byte) 150}, out.pixels());
  }

  @Test
  void bmpIsExact() {
    Image out = decode("b.BMP", TestImages.solid(5, 3, 0x123456), "bmp", ColorMode.RGB);

    assertEquals(5, out.width());
    assertArrayEquals(new int[] {0x12, 0x34, 0x56}, rgbAt(out, 2, 4));
  }

  @Test
  void jpegHasItsSizeAndRoughlyItsColours() {
    // Colour blocks on the 16x16 grid of chroma-subsampled JPEG, so each decodes nearly flat.
    BufferedImage img = new BufferedImage(48, 32, BufferedImage.TYPE_INT_RGB);
    int[] colours = {0xC81E1E, 0x1EC81E, 0x1E1EC8, 0xF0F0F0, 0x202020, 0x808000};
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 48; x++) {
        img.setRGB(x, y, colours[(y / 16) * 3 + x / 16]);
      }
    }

    Image out = decode("photo.JPG", img, "jpeg", ColorMode.RGB);

    assertEquals(3, out.channels());
    assertEquals(32, out.height());
    assertEquals(48, out.width());
    for (int i = 0; i < colours.length; i++) {
      int c = colours[i];
      assertNear(
          new int[] {c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF},
          rgbAt(out, (i / 3) * 16 + 8, (i % 3) * 16 + 8),
          12);
    }
  }

  /**
   * Quadrants of stored (Adobe-inverted) CMYK values, C'M'Y'K', and the RGB PIL makes of them:
   * {@code R = C' * K' / 255}.
   */
  private static final int[][] STORED_CMYK = {
    {255, 0, 0, 255}, {0, 0, 255, 255}, {200, 100, 50, 220}, {255, 255, 255, 128}
  };

  private static final int[][] CMYK_AS_RGB = {
    {255, 0, 0}, {0, 0, 255}, {173, 86, 43}, {128, 128, 128}
  };

  /** A 16x16 four-band raster, one 8x8 JPEG block per quadrant. */
  private static WritableRaster quadrants(int[][] values) {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        raster.setPixel(x, y, values[(y / 8) * 2 + x / 8]);
      }
    }
    return raster;
  }

  private static void assertQuadrants(int[][] expectedRgb, Image out, int tolerance) {
    assertEquals(16, out.width());
    assertEquals(16, out.height());
    for (int q = 0; q < 4; q++) {
      assertNear(expectedRgb[q], rgbAt(out, (q / 2) * 8 + 4, (q % 2) * 8 + 4), tolerance);
    }
  }

  @Test
  void cmykJpegIsConvertedLikePil() {
    // A four-band raster is written as a CMYK JPEG without colour conversion.
    byte[] jpeg = TestImages.jpeg(new IIOImage(quadrants(STORED_CMYK), null, null));

    assertQuadrants(CMYK_AS_RGB, decode("cmyk.jpg", jpeg, ColorMode.RGB), 4);
  }

  @Test
  void ycckJpegIsConvertedLikePil() throws Exception {
    // The writer stores raster bands as they are, so the test encodes YCCK itself: libjpeg's
    // YCCK holds the YCbCr of (255 - C', 255 - M', 255 - Y') and K' as stored.
    int[][] ycck = new int[4][];
    for (int q = 0; q < 4; q++) {
      int[] s = STORED_CMYK[q];
      double r = 255 - s[0];
      double g = 255 - s[1];
      double b = 255 - s[2];
      ycck[q] =
          new int[] {
            (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b),
            (int) Math.round(128 - 0.168736 * r - 0.331264 * g + 0.5 * b),
            (int) Math.round(128 + 0.5 * r - 0.418688 * g - 0.081312 * b),
            s[3]
          };
      for (int c = 0; c < 3; c++) {
        ycck[q][c] = Math.clamp(ycck[q][c], 0, 255);
      }
    }
    WritableRaster raster = quadrants(ycck);
    IIOMetadata metadata = adobeMetadata(raster, 2);

    byte[] jpeg = TestImages.jpeg(new IIOImage(raster, null, metadata));

    assertQuadrants(CMYK_AS_RGB, decode("ycck.jpg", jpeg, ColorMode.RGB), 6);
  }

  /**
   * Metadata for a four-band JPEG with an Adobe APP14 marker. The JDK writer cannot make default
   * metadata for a raster, so it is read back from a plain four-band JPEG.
   */
  private static IIOMetadata adobeMetadata(Raster raster, int transform) throws Exception {
    byte[] plain = TestImages.jpeg(new IIOImage(raster, null, null));
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(plain))) {
      reader.setInput(in);
      IIOMetadata metadata = reader.getImageMetadata(0);
      String format = "javax_imageio_jpeg_image_1.0";
      IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
      IIOMetadataNode markers =
          (IIOMetadataNode) tree.getElementsByTagName("markerSequence").item(0);
      IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
      adobe.setAttribute("transform", Integer.toString(transform));
      markers.insertBefore(adobe, markers.getFirstChild());
      metadata.setFromTree(format, tree);
      return metadata;
    } finally {
      reader.dispose();
    }
  }

  @Test
  void animatedGifGivesTheFirstFrame() {
    byte[] r = {(byte) 255, 0};
    byte[] g = {0, 0};
    byte[] b = {0, (byte) 255};
    IndexColorModel palette = new IndexColorModel(1, 2, r, g, b);
    BufferedImage red = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_BINARY, palette);
    BufferedImage blue = new BufferedImage(6, 4, BufferedImage.TYPE_BYTE_BINARY, palette);
    int[] ones = new int[24];
    Arrays.fill(ones, 1);
    blue.getRaster().setSamples(0, 0, 6, 4, 0, ones);

    Image out = decode("anim.GIF", TestImages.animatedGif(red, blue), ColorMode.RGB);

    assertEquals(6, out.width());
    assertEquals(4, out.height());
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 6; x++) {
        assertArrayEquals(new int[] {255, 0, 0}, rgbAt(out, y, x));
      }
    }
  }
}
