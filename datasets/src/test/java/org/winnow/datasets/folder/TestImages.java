package org.winnow.datasets.folder;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageOutputStream;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;

/** Writes the image files the folder tests read. */
final class TestImages {

  private TestImages() {}

  /** {@code root/relative} with the image in the given ImageIO format, parent folders created. */
  static Path write(Path root, String relative, RenderedImage image, String format) {
    return bytes(root, relative, encode(image, format));
  }

  /** {@code root/relative} with the given contents, parent folders created. */
  static Path bytes(Path root, String relative, byte[] contents) {
    Path file = root.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      return Files.write(file, contents);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small RGB PNG under {@code root/relative}, for layout tests where pixels do not matter. */
  static Path png(Path root, String relative) {
    return write(root, relative, solid(4, 3, 0x336699), "png");
  }

  /** An image encoded in an ImageIO format ("png", "jpeg", "gif", "bmp"). */
  static byte[] encode(RenderedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalArgumentException("no ImageIO writer for " + format + " and this image");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A JPEG of a raster or image at quality 0.95, with optional metadata. */
  static byte[] jpeg(IIOImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.95f);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(null, image, param);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** An animated GIF with one frame per image. */
  static byte[] animatedGif(BufferedImage... frames) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.prepareWriteSequence(null);
      for (BufferedImage frame : frames) {
        IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(frame), null);
        writer.writeToSequence(new IIOImage(frame, null, metadata), null);
      }
      writer.endWriteSequence();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /** An RGB image of one colour ({@code 0xRRGGBB}). */
  static BufferedImage solid(int width, int height, int rgb) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }

  /** An RGB image of seeded random pixels: compresses badly, so most of its file is pixel data. */
  static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt());
      }
    }
    return image;
  }

  /** The first half of an image file: what an interrupted download leaves. */
  static byte[] firstHalf(byte[] contents) {
    return Arrays.copyOf(contents, contents.length / 2);
  }

  /** Default options with the given policy and verification. */
  static OpenOptions options(BadImagePolicy policy, boolean verify) {
    return OpenOptions.defaults().withOnBadImage(policy).withVerifyImages(verify);
  }

  /** Opens with default options and no progress. */
  static FolderDataset open(Path root) {
    return FolderDataset.open(root, OpenOptions.defaults(), Progress.NONE);
  }

  /** Opens with the given options and no progress. */
  static FolderDataset open(Path root, OpenOptions options) {
    return FolderDataset.open(root, options, Progress.NONE);
  }
}
