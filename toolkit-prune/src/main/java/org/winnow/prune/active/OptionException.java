package org.winnow.prune.active;

/**
 * An option value that the inputs show to be unusable (a budget larger than the unlabelled pool),
 * found only once they are read: the commands report it as a usage error (exit 2), like any other
 * bad option value.
 */
public final class OptionException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** An error with its one-line message. */
  public OptionException(String message) {
    super(message);
  }
}
