package org.winnow.datasets;

import java.io.Serial;

/**
 * A dataset cannot be read. The message is one line that names the file (or sample id) and what is
 * wrong with it, fit to show a user as it is. A library message quoted in it may span lines (Gson,
 * commons-csv and jHDF add hints on lines of their own), so line breaks are folded into spaces
 * here, once, for every reader.
 */
public class DatasetException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An error with a user-facing one-line message. */
  public DatasetException(String message) {
    super(oneLine(message));
  }

  /** An error with a user-facing one-line message and the underlying cause. */
  public DatasetException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** {@code message} with its line breaks (and the blanks around them) folded into one space. */
  static String oneLine(String message) {
    return message == null ? null : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }
}
