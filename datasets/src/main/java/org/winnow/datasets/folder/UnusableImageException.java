package org.winnow.datasets.folder;

import java.io.Serial;

/**
 * A file cannot be turned into an image. Checked on purpose: the verification pass records it as a
 * {@link org.winnow.datasets.BadFile}, {@code decode} turns it into a {@link
 * org.winnow.datasets.DatasetException}, and the compiler makes sure neither forgets. The message
 * is the problem only (see {@link Problems}); the caller adds the path.
 */
final class UnusableImageException extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  UnusableImageException(String problem) {
    super(problem);
  }

  UnusableImageException(String problem, Throwable cause) {
    super(problem, cause);
  }
}
