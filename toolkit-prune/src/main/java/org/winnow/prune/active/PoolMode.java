package org.winnow.prune.active;

import java.util.Locale;

/** Which unlabelled samples are scored each round. */
public enum PoolMode {
  /** Every unlabelled sample: the global approach. */
  ALL,
  /**
   * Only the SEALS candidate pool, the nearest neighbours of the labelled set ({@link SealsPool}).
   */
  SEALS;

  /** The name on the command line and in output files. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The mode of a command-line name.
   *
   * @throws IllegalArgumentException with one line naming the choices when there is none such
   */
  public static PoolMode parse(String name) {
    for (PoolMode m : values()) {
      if (m.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown pool '" + name + "' (choose all, seals)");
  }
}
