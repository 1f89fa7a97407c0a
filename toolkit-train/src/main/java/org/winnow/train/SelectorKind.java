package org.winnow.train;

import java.util.Locale;

/** Which samples of each batch a training step learns from; see {@link BatchSelector}. */
public enum SelectorKind {
  /** Every sample of every batch. */
  STANDARD,
  /** The compute-equal control: as many per batch as {@link #SALN} keeps, chosen at random. */
  RANDOM_BATCH,
  /** SALN's Fiedler-vector choice on fixed reference embeddings (Sharifi 2024, Algorithm 1). */
  SALN,
  /** JEST-style learnability sampling from a super-batch (Evans et al. 2024). */
  JEST;

  /** The name users type, e.g. {@code random-batch}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The selector called {@code id} (case-insensitive, {@code -} or {@code _}).
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static SelectorKind fromId(String id) {
    for (SelectorKind k : values()) {
      if (k.id().equalsIgnoreCase(id.replace('_', '-'))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown selector '" + id + "' (known: standard, random-batch, saln, jest)");
  }

  @Override
  public String toString() {
    return id();
  }
}
