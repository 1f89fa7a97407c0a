package org.winnow.train;

import java.io.Serial;

/**
 * A training run cannot start or continue. The message is one line naming the file, sample id or
 * option and what is wrong, fit to show a user as it is.
 */
public class TrainingException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An error with a user-facing one-line message. */
  public TrainingException(String message) {
    super(message);
  }

  /** An error with a user-facing one-line message and its cause. */
  public TrainingException(String message, Throwable cause) {
    super(message, cause);
  }
}
