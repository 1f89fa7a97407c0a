package org.winnow.datasets;

import java.io.Serial;

/**
 * A dataset cannot be read. The message is one line that names the file (or sample id) and what is
 * wrong with it, fit to show a user as it is.
 */
public class DatasetException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An error with a user-facing one-line message. */
  public DatasetException(String message) {
    super(message);
  }

  /** An error with a user-facing one-line message and the underlying cause. */
  public DatasetException(String message, Throwable cause) {
    super(message, cause);
  }
}
