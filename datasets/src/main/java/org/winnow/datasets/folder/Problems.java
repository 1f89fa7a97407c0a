package org.winnow.datasets.folder;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * The user-facing wording of every problem a folder file can have, kept in one place so that the
 * scan, the verification pass and {@code decode} describe the same fault the same way.
 */
final class Problems {

  static final String ZERO_BYTE = "zero-byte file";
  static final String BROKEN_LINK = "unreadable (broken symbolic link)";
  static final String PERMISSION_DENIED = "unreadable (permission denied)";
  static final String NOT_REGULAR = "not a regular file";
  static final String EMPTY_CLASS = "empty class folder (no image files)";
  static final String UNRECOGNISED = "unrecognised image data (not JPEG, PNG, GIF, BMP or TIFF)";

  private Problems() {}

  /** A file in a class folder whose extension is not an image extension. */
  static String notAnImage(String extension) {
    return extension.isEmpty()
        ? "not an image file (no extension)"
        : "not an image file (extension ." + extension + ")";
  }

  /** A file or folder that could not be read. */
  static String unreadable(IOException e) {
    return switch (e) {
      case AccessDeniedException _ -> PERMISSION_DENIED;
      case NoSuchFileException _ -> "unreadable (no such file)";
      default -> "unreadable (" + oneLine(e) + ")";
    };
  }

  /** A file that a decoder rejected or only half decoded. */
  static String corrupt(String detail) {
    return "truncated or corrupt image (" + detail + ")";
  }

  /** An image larger than the decoder is allowed to allocate. */
  static String tooLarge(int width, int height, long limit) {
    return String.format(
        Locale.ROOT, "image too large (%dx%d pixels, the limit is %d)", width, height, limit);
  }

  /**
   * An exception and its causes as one line, e.g. {@code "Error reading PNG image data: Unexpected
   * end of ZLIB input stream"}; decoders put newlines and paths into their messages.
   */
  static String oneLine(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (!out.toString().contains(m)) {
        out.append(out.isEmpty() ? "" : ": ").append(m);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return out.toString().replaceAll("\\s+", " ").strip();
  }
}
