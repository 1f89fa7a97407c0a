package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.Image;

class ThumbnailsTest {

  @Test
  void smallGrayImagesAreEnlargedWithTheirExactValues() {
    byte[] px = new byte[28 * 28];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (i * 7);
    }
    BufferedImage t = Thumbnails.thumbnail(Thumbnails.toBuffered(new Image(1, 28, 28, px)));
    assertEquals(84, t.getWidth());
    assertEquals(84, t.getHeight());
    for (int y = 0; y < 84; y++) {
      for (int x = 0; x < 84; x++) {
        // Nearest neighbour, and no colour conversion of gray (128 stays 128).
        assertEquals(px[(y / 3) * 28 + x / 3] & 0xFF, t.getRaster().getSample(x, y, 0));
      }
    }
  }

  @Test
  void colourImagesKeepTheirChannelsAndLargeOnesShrinkToFit() {
    byte[] px = new byte[3 * 32 * 32];
    for (int i = 0; i < 32 * 32; i++) {
      px[i] = (byte) 200; // R
      px[32 * 32 + i] = (byte) 10; // G
      px[2 * 32 * 32 + i] = (byte) 90; // B
    }
    BufferedImage t = Thumbnails.thumbnail(Thumbnails.toBuffered(new Image(3, 32, 32, px)));
    assertEquals(96, t.getWidth(), "32 x 3");
    assertEquals(0xC80A5A, t.getRGB(50, 50) & 0xFFFFFF);

    BufferedImage wide =
        Thumbnails.thumbnail(
            Thumbnails.toBuffered(new Image(3, 100, 300, new byte[3 * 300 * 100])));
    assertEquals(Thumbnails.TARGET, wide.getWidth());
    assertEquals(28, wide.getHeight(), "aspect ratio kept");
  }
}
