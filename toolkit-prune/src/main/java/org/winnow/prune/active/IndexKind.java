package org.winnow.prune.active;

import java.util.Locale;

/** How the SEALS pool finds neighbours: exact search, or the approximate LSH index. */
public enum IndexKind {
  /** {@link NeighbourIndex#exact}: exact, through blocked BLAS products over the whole pool. */
  EXACT,
  /** {@link HyperplaneLsh} with its default shape: approximate, for large pools. */
  LSH;

  /** The name on the command line and in manifests. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Builds the index over a pool's unit rows ({@code seed}: the LSH directions). */
  public NeighbourIndex build(double[][] unit, long seed) {
    return this == EXACT
        ? NeighbourIndex.exact(unit)
        : HyperplaneLsh.build(unit, HyperplaneLsh.Options.defaults(seed));
  }

  /**
   * The kind of a command-line name.
   *
   * @throws IllegalArgumentException with one line naming the choices when there is none such
   */
  public static IndexKind parse(String name) {
    for (IndexKind k : values()) {
      if (k.label().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown index '" + name + "' (choose exact, lsh)");
  }
}
