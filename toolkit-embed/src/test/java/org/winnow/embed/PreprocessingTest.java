package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.winnow.datasets.Image;

class PreprocessingTest {

  @Test
  void scalesAndNormalisesToMinusOneToOne() {
    Image img = new Image(1, 1, 2, new byte[] {0, (byte) 255});
    float[] out = new float[2];
    new Preprocessing(1, 1, new float[] {0.5f}, new float[] {0.5f})
        .apply(new Image(1, 1, 1, new byte[] {0}), out, 0);
    assertEquals(-1f, out[0], 1e-6);
    float[] two = new float[4];
    Preprocessing.winnow(1, 2)
        .apply(new Image(1, 2, 2, new byte[] {0, (byte) 255, 0, (byte) 255}), two, 0);
    assertArrayEquals(new float[] {-1, 1, -1, 1}, two, 1e-6f);
    assertEquals(2, img.width());
  }

  @Test
  void grayIsCopiedToThreeChannelsAndRgbBecomesPilLuma() {
    float[] rgb = new float[3];
    new Preprocessing(3, 1, new float[] {0, 0, 0}, new float[] {1, 1, 1})
        .apply(new Image(1, 1, 1, new byte[] {(byte) 128}), rgb, 0);
    assertArrayEquals(new float[] {128 / 255f, 128 / 255f, 128 / 255f}, rgb, 1e-6f);

    float[] gray = new float[1];
    new Preprocessing(1, 1, new float[] {0}, new float[] {1})
        .apply(new Image(3, 1, 1, new byte[] {(byte) 255, 0, 0}), gray, 0);
    assertEquals(76 / 255f, gray[0], 1e-6); // PIL: L = 299/1000 R, rounded
  }

  @Test
  void bilinearResizeMatchesPyTorchHalfPixelCentres() {
    // torch.nn.functional.interpolate(torch.tensor([[[[0., 255.]]]]), size=(1, 4),
    // mode='bilinear', align_corners=False) gives [0, 63.75, 191.25, 255] on a 1x2 image; a
    // square 2x2 source of two columns behaves the same per row.
    Image img = new Image(1, 2, 2, new byte[] {0, (byte) 255, 0, (byte) 255});
    float[] out = new float[16];
    new Preprocessing(1, 4, new float[] {0}, new float[] {1}).apply(img, out, 0);
    float[] row = {0f, 63.75f / 255, 191.25f / 255, 1f};
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(row[x], out[y * 4 + x], 1e-6, "x " + x + " y " + y);
      }
    }
  }
}
