package org.winnow.embed;

import java.util.Arrays;
import java.util.Objects;
import org.winnow.datasets.Image;

/**
 * Turns a decoded 8-bit CHW image into the float input a model expects, in this order:
 *
 * <ol>
 *   <li>channels: grayscale is copied into R, G and B for a 3-channel model; RGB becomes luma for a
 *       1-channel model with PIL's {@code convert('L')} integer formula ({@code (19595 R + 38470 G
 *       + 7471 B + 32768) >> 16});
 *   <li>size: an image whose side differs from {@code imageSize} is stretched to {@code imageSize ×
 *       imageSize} by bilinear interpolation with half-pixel centres and no antialiasing (PyTorch's
 *       {@code F.interpolate(mode='bilinear', align_corners=False)}), on the 0–255 values;
 *   <li>scale and normalise: {@code (v / 255 - mean[c]) / std[c]}.
 * </ol>
 *
 * @param channels channels of the model input, 1 or 3
 * @param imageSize side of the square model input
 * @param mean per-channel mean subtracted after scaling to [0, 1]
 * @param std per-channel standard deviation divided by
 */
public record Preprocessing(int channels, int imageSize, float[] mean, float[] std) {

  /** Validates the fields and copies the arrays. */
  public Preprocessing {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, not " + channels);
    }
    if (imageSize < 1) {
      throw new IllegalArgumentException("image size must be positive, not " + imageSize);
    }
    mean = Objects.requireNonNull(mean, "mean").clone();
    std = Objects.requireNonNull(std, "std").clone();
    if (mean.length != channels || std.length != channels) {
      throw new IllegalArgumentException("need one mean and one std per channel");
    }
  }

  /** The normalisation of Winnow's own networks: 0.5 and 0.5 on every channel, giving [-1, 1]. */
  public static Preprocessing winnow(int channels, int imageSize) {
    float[] half = new float[channels];
    Arrays.fill(half, 0.5f);
    return new Preprocessing(channels, imageSize, half, half);
  }

  /** torchvision's ImageNet statistics, what its pretrained (and exported) models expect. */
  public static Preprocessing imagenet(int imageSize) {
    return new Preprocessing(
        3, imageSize, new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
  }

  /** A copy of the per-channel means. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the per-channel standard deviations. */
  @Override
  public float[] std() {
    return std.clone();
  }

  /** Floats per preprocessed image. */
  public int floatsPerImage() {
    return channels * imageSize * imageSize;
  }

  /** Writes the model input of {@code image} into {@code out} from {@code offset}. */
  public void apply(Image image, float[] out, int offset) {
    int s = imageSize;
    int h = image.height();
    int w = image.width();
    for (int c = 0; c < channels; c++) {
      float[] plane = plane(image, c);
      float scale = 1f / (255f * std[c]);
      float shift = mean[c] / std[c];
      int base = offset + c * s * s;
      if (h == s && w == s) {
        for (int i = 0; i < s * s; i++) {
          out[base + i] = plane[i] * scale - shift;
        }
      } else {
        resizeBilinear(plane, h, w, s, out, base, scale, shift);
      }
    }
  }

  /** Channel {@code c} of the model input as 0–255 floats at the image's own size. */
  private float[] plane(Image image, int c) {
    int n = image.height() * image.width();
    byte[] p = image.pixels();
    float[] plane = new float[n];
    if (image.channels() == channels) {
      for (int i = 0; i < n; i++) {
        plane[i] = p[c * n + i] & 0xFF;
      }
    } else if (image.channels() == 1) {
      for (int i = 0; i < n; i++) {
        plane[i] = p[i] & 0xFF;
      }
    } else {
      for (int i = 0; i < n; i++) {
        int r = p[i] & 0xFF;
        int g = p[n + i] & 0xFF;
        int b = p[2 * n + i] & 0xFF;
        plane[i] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
      }
    }
    return plane;
  }

  private static void resizeBilinear(
      float[] src, int h, int w, int s, float[] out, int base, float scale, float shift) {
    double sy = (double) h / s;
    double sx = (double) w / s;
    for (int y = 0; y < s; y++) {
      double fy = Math.max(0, (y + 0.5) * sy - 0.5);
      int y0 = Math.min((int) fy, h - 1);
      int y1 = Math.min(y0 + 1, h - 1);
      double ly = fy - y0;
      for (int x = 0; x < s; x++) {
        double fx = Math.max(0, (x + 0.5) * sx - 0.5);
        int x0 = Math.min((int) fx, w - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double lx = fx - x0;
        double top = src[y0 * w + x0] * (1 - lx) + src[y0 * w + x1] * lx;
        double bottom = src[y1 * w + x0] * (1 - lx) + src[y1 * w + x1] * lx;
        out[base + y * s + x] = (float) (top * (1 - ly) + bottom * ly) * scale - shift;
      }
    }
  }

  /** One line for the file's attributes, e.g. {@code rgb 32x32 bilinear, mean [..] std [..]}. */
  public String describe() {
    return (channels == 3 ? "rgb" : "gray")
        + " "
        + imageSize
        + "x"
        + imageSize
        + " (bilinear resize when sizes differ), (v/255 - mean)/std with mean "
        + Arrays.toString(mean)
        + " std "
        + Arrays.toString(std);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Preprocessing p
        && p.channels == channels
        && p.imageSize == imageSize
        && Arrays.equals(p.mean, mean)
        && Arrays.equals(p.std, std);
  }

  @Override
  public int hashCode() {
    return Objects.hash(channels, imageSize, Arrays.hashCode(mean), Arrays.hashCode(std));
  }

  @Override
  public String toString() {
    return describe();
  }
}
