package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Write errors that name the file. Java reports a full disk as {@code IOException("No space left on
 * device")} from the stream, without the file, and libraries wrap it further (jHDF: "Exception
 * writing"); every writer that goes through here says which file could not be written and, when the
 * disk is full, says so and that the same command can be run again once there is space.
 */
public final class WriteFailures {

  private WriteFailures() {}

  /** Writes one file. */
  @FunctionalInterface
  public interface Write {
    /** Writes {@code file}. */
    void to(Path file) throws IOException;
  }

  /**
   * Runs {@code body} on {@code file}, a temporary name; an {@link IOException} from it comes back
   * naming {@code shownAs}, the name the user asked for.
   */
  public static void write(Path file, Path shownAs, Write body) throws IOException {
    try {
      body.to(file);
    } catch (IOException e) {
      throw naming(shownAs, e);
    }
  }

  /** {@code e} as an IOException whose message is {@link #describe}. */
  public static IOException naming(Path file, IOException e) {
    return new IOException(describe(file, e), e);
  }

  /**
   * One line: {@code FILE: cannot write: the disk is full (No space left on device); free some
   * space and run the same command again}, or {@code FILE: cannot write: REASON}.
   */
  public static String describe(Path file, Throwable e) {
    String full = diskFull(e);
    if (full != null) {
      return file
          + ": cannot write: the disk is full ("
          + full
          + "); free some space and run the same command again";
    }
    Throwable t = e;
    while (t.getCause() != null && (t.getMessage() == null || isWrapper(t))) {
      t = t.getCause();
    }
    String reason =
        t instanceof FileSystemException fs
            ? fs.getFile()
                + ": "
                + (fs.getReason() == null ? t.getClass().getSimpleName() : fs.getReason())
            : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return file + ": cannot write: " + DatasetException.oneLine(reason.strip());
  }

  /**
   * The file system's words when {@code e} or a cause says the disk or quota is full, else null.
   */
  private static String diskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      String lower = m.toLowerCase(Locale.ROOT);
      if (lower.contains("no space left on device")) {
        return "No space left on device";
      }
      if (lower.contains("disk quota exceeded")) {
        return "Disk quota exceeded";
      }
      if (lower.contains("not enough space on the disk")) {
        return "not enough space on the disk";
      }
    }
    return null;
  }

  /** A message that only says something went wrong writing: the cause says what. */
  private static boolean isWrapper(Throwable t) {
    return t.getMessage().startsWith("Exception writing")
        || t.getMessage().equals(String.valueOf(t.getCause()));
  }
}
