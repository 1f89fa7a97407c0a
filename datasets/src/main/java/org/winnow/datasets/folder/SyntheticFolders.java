package org.winnow.datasets.folder;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Writes seeded synthetic class folders, {@code root/classK/classK_NNNN.ext}, for tests and
 * benchmarks. Each class has its own base colour; each image shifts it a little and adds pixel
 * noise, so classes are separable and images within a class are alike but not equal. The same
 * arguments always write the same files.
 */
public final class SyntheticFolders {

  private static final int IMAGE_SHIFT = 40;
  private static final int PIXEL_NOISE = 24;

  private SyntheticFolders() {}

  /**
   * Writes {@code classes * perClass} square RGB PNGs.
   *
   * @return the written files, in dataset (sorted path) order
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<Path> writePngs(Path root, int classes, int perClass, int size, long seed) {
    return write(root, classes, perClass, size, size, seed, "png");
  }

  /**
   * Writes {@code classes * perClass} RGB JPEGs at the JDK's default quality (0.75).
   *
   * @return the written files, in dataset (sorted path) order
   * @throws UncheckedIOException if a file cannot be written
   */
  public static List<Path> writeJpegs(
      Path root, int classes, int perClass, int width, int height, long seed) {
    return write(root, classes, perClass, width, height, seed, "jpg");
  }

  private static List<Path> write(
      Path root, int classes, int perClass, int width, int height, long seed, String extension) {
    if (classes < 1 || perClass < 1 || width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "classes, perClass, width and height must be positive, got "
              + classes
              + ", "
              + perClass
              + ", "
              + width
              + ", "
              + height);
    }
    // Zero-padding makes the sorted (dataset) order the numeric order.
    String classFormat = "class%0" + digits(classes - 1) + "d";
    String imageFormat = "%s_%0" + digits(perClass - 1) + "d." + extension;
    SplittableRandom random = new SplittableRandom(seed);
    List<Path> written = new ArrayList<>(classes * perClass);
    try {
      for (int c = 0; c < classes; c++) {
        String className = classFormat.formatted(c);
        Path dir = Files.createDirectories(root.resolve(className));
        int[] base = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        for (int i = 0; i < perClass; i++) {
          Path file = dir.resolve(imageFormat.formatted(className, i));
          BufferedImage image = image(base, width, height, random);
          if (!ImageIO.write(image, extension.equals("jpg") ? "jpeg" : extension, file.toFile())) {
            throw new IllegalStateException("no ImageIO writer for " + extension);
          }
          written.add(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic images under " + root, e);
    }
    return written;
  }

  private static BufferedImage image(int[] base, int width, int height, SplittableRandom random) {
    int[] shifted = new int[3];
    for (int b = 0; b < 3; b++) {
      shifted[b] = base[b] + random.nextInt(-IMAGE_SHIFT, IMAGE_SHIFT + 1);
    }
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    WritableRaster raster = image.getRaster();
    int[] pixel = new int[3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int b = 0; b < 3; b++) {
          int v = shifted[b] + random.nextInt(-PIXEL_NOISE, PIXEL_NOISE + 1);
          pixel[b] = Math.clamp(v, 0, 255);
        }
        raster.setPixel(x, y, pixel);
      }
    }
    return image;
  }

  private static int digits(int n) {
    return Integer.toString(Math.max(n, 0)).length();
  }
}
