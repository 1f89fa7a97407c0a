package org.winnow.train.curve;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The methods a curve compares. Subset methods ({@link #SEMANTIC}, {@link #RANDOM}) choose a
 * keep-list per fraction with toolkit-prune's selectors and train on it with the standard trainer;
 * training selectors ({@link #STANDARD}, {@link #SALN}, {@link #RANDOM_BATCH}, {@link #JEST}) train
 * on the full set and choose samples per batch, so they run at fraction 1 only.
 */
public enum CurveMethod {
  /** Per-class complete-linkage clustering, one sample per cluster (Birodkar et al. §3.2). */
  SEMANTIC("semantic", true),
  /** Class-stratified random subsets with the same per-class counts; the trial seeds the draw. */
  RANDOM("random", true),
  /** Every sample of every batch: the full run, which the subset methods share at fraction 1. */
  STANDARD("standard", false),
  /** SALN's per-batch spectral selection. */
  SALN("saln", false),
  /** SALN's compute-equal control: the same number per batch, at random. */
  RANDOM_BATCH("random-batch", false),
  /** JEST's learnability-based selection from super-batches. */
  JEST("jest", false);

  private final String id;
  private final boolean subset;

  CurveMethod(String id, boolean subset) {
    this.id = id;
    this.subset = subset;
  }

  /** The name on the command line and in the tables. */
  public String id() {
    return id;
  }

  /** Whether the method chooses a subset before training (else it selects per batch). */
  public boolean isSubset() {
    return subset;
  }

  /**
   * The method called {@code id} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known methods
   */
  public static CurveMethod fromId(String id) {
    String key = id.strip().toLowerCase(Locale.ROOT);
    for (CurveMethod m : values()) {
      if (m.id.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown curve method '"
            + id
            + "' (known: "
            + Arrays.stream(values()).map(CurveMethod::id).collect(Collectors.joining(", "))
            + ")");
  }

  @Override
  public String toString() {
    return id;
  }
}
