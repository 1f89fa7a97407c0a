package org.winnow.datasets.folder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageShape;

/**
 * Reads one image file with ImageIO and converts it with {@link PixelConversion}. Safe to call from
 * many threads: every call has its own stream and its own {@link ImageReader}.
 *
 * <p>The JDK's JPEG reader does not fail on a truncated or damaged file: it reports a warning and
 * returns an image whose missing part is grey. Warnings therefore count as errors here, except the
 * few that only say that some metadata was ignored.
 */
final class ImageFileReader {

  /**
   * The largest image accepted, in pixels: PIL's decompression-bomb limit ({@code 2 *
   * Image.MAX_IMAGE_PIXELS}). It also keeps {@code 3 * width * height} inside one Java array.
   */
  static final long MAX_PIXELS = 178_956_970L;

  /** Warnings after which the pixels are still complete and right. */
  private static final List<String> HARMLESS_WARNINGS =
      List.of(
          "ignor", // "Embedded color profile is invalid; ignored", PNG chunks "ignored"
          "default color table", // a GIF without a palette; the spec allows any
          "jfif revision",
          "invalid sos parameters for sequential jpeg",
          "inconsistent progression sequence");

  private ImageFileReader() {}

  /**
   * Reads and converts one file.
   *
   * @throws UnusableImageException with the problem, worded by {@link Problems}
   */
  static Image read(Path file, ColorMode mode) throws UnusableImageException {
    byte[] bytes;
    try {
      // One read of the whole file: simple, fast on every file system, and it tells an
      // unreadable file apart from a corrupt one.
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UnusableImageException(Problems.unreadable(e), e);
    }
    if (bytes.length == 0) {
      throw new UnusableImageException(Problems.ZERO_BYTE);
    }
    return PixelConversion.toImage(decode(bytes), mode);
  }

  /**
   * Reads and converts one file for a dataset's {@code decode}.
   *
   * @param context appended to the message, e.g. the sample id; may be empty
   * @throws DatasetException naming the file, the problem and {@code context}
   */
  static Image decode(Path file, ColorMode mode, String context) {
    try {
      return read(file, mode);
    } catch (UnusableImageException e) {
      throw new DatasetException(file + ": " + e.getMessage() + context, e);
    }
  }

  /**
   * The shape {@link #decode} gives, from the file's header alone, for a dataset's {@code shape}.
   *
   * @throws DatasetException naming the file, the problem and {@code context}
   */
  static ImageShape shape(Path file, ColorMode mode, String context) {
    try {
      int[] size = size(file);
      return new ImageShape(mode.channels(), size[1], size[0]);
    } catch (UnusableImageException e) {
      throw new DatasetException(file + ": " + e.getMessage() + context, e);
    }
  }

  /**
   * Width and height of the first image in a file, from its header: no pixels are decoded.
   *
   * @throws UnusableImageException when the file cannot be read or its header is not an image's
   */
  static int[] size(Path file) throws UnusableImageException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new UnusableImageException(Problems.UNRECOGNISED);
      }
      ImageReader reader = readerFor(in);
      try {
        reader.setInput(in, true, true);
        return new int[] {reader.getWidth(0), reader.getHeight(0)};
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      throw new UnusableImageException(Problems.corrupt(Problems.oneLine(e)), e);
    }
  }

  /** Decodes the first image in {@code bytes} (the first frame of an animated GIF). */
  private static BufferedImage decode(byte[] bytes) throws UnusableImageException {
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = readerFor(in);
      try {
        reader.setInput(in, true, true);
        List<String> warnings = new ArrayList<>(); // listeners run on the reading thread
        reader.addIIOReadWarningListener(
            (source, warning) -> {
              if (!harmless(warning)) {
                warnings.add(warning);
              }
            });
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if ((long) width * height > MAX_PIXELS) {
          throw new UnusableImageException(Problems.tooLarge(width, height, MAX_PIXELS));
        }
        BufferedImage image = reader.read(0);
        if (!warnings.isEmpty()) {
          throw new UnusableImageException(Problems.corrupt(oneLine(warnings.getFirst())));
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      // Decoders throw unchecked exceptions (index out of bounds, negative sizes) on some
      // damaged files; to the user they mean the same as an IIOException.
      throw new UnusableImageException(Problems.corrupt(Problems.oneLine(e)), e);
    }
  }

  private static ImageReader readerFor(ImageInputStream in)
      throws IOException, UnusableImageException {
    Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
    while (readers.hasNext()) {
      ImageReader r = readers.next();
      // WBMP has no magic number, so its reader claims almost any bytes that start with 0.
      if (!r.getFormatName().equalsIgnoreCase("wbmp")) {
        return r;
      }
    }
    throw new UnusableImageException(Problems.UNRECOGNISED);
  }

  private static boolean harmless(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return HARMLESS_WARNINGS.stream().anyMatch(w::contains);
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
