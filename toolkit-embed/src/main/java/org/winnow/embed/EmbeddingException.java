package org.winnow.embed;

import java.io.Serial;

/**
 * Embeddings cannot be computed, written or read. The message is one line naming the file or option
 * and what is wrong, fit to show a user as it is.
 */
public class EmbeddingException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  /** An error with a user-facing one-line message. */
  public EmbeddingException(String message) {
    super(message);
  }

  /** An error with a user-facing one-line message and the underlying cause. */
  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
