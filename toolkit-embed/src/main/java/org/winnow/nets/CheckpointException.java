package org.winnow.nets;

import java.io.Serial;

/**
 * A checkpoint cannot be written or read. The message is one line naming the file and what is wrong
 * with it, fit to show a user as it is.
 */
public class CheckpointException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An error with a user-facing one-line message. */
  public CheckpointException(String message) {
    super(message);
  }

  /** An error with a user-facing one-line message and the underlying cause. */
  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
