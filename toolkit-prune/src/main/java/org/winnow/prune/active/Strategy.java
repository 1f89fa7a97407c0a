package org.winnow.prune.active;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a candidate's informativeness is scored: the acquisition function of pool-based active
 * learning. Higher scores are labelled first.
 */
public enum Strategy {
  /** The entropy of the predicted class distribution (Shannon, natural log). */
  MAXENT,
  /**
   * Information density: MaxEnt × (mean cosine similarity to the unlabelled pool)^β (Settles and
   * Craven, <i>An Analysis of Active Learning Strategies for Sequence Labeling Tasks</i>, 2008).
   */
  ID,
  /** One minus the gap between the two most probable classes: small margins score high. */
  MARGIN,
  /** A uniform draw per candidate: the baseline. */
  RANDOM;

  /** The name on the command line and in output files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The strategy of a command-line name.
   *
   * @throws IllegalArgumentException with one line that lists the names when there is none such
   */
  public static Strategy parse(String name) {
    for (Strategy s : values()) {
      if (s.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown strategy '"
            + name
            + "' (choose "
            + Arrays.stream(values()).map(Strategy::label).collect(Collectors.joining(", "))
            + ")");
  }
}
