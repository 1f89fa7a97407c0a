package org.winnow.prune;

import java.util.Objects;

/**
 * Which samples one method keeps at one fraction, and the redundant group of every sample: each
 * sample belongs to the group of exactly one kept sample, its representative. For {@code semantic}
 * the groups are the clusters of the cut; for methods without clusters ({@code random}, {@code
 * saln}) a discarded sample joins the kept sample of its class it is most similar to.
 *
 * <p>Arrays are indexed by dataset row and shared, not copied.
 *
 * @param method the selector's name
 * @param fraction the requested keep fraction
 * @param group each sample's group, numbered from 0 within its class
 * @param representative the dataset row of the kept sample each sample's group keeps
 * @param dissimilarity {@code 1 - cos} between each sample and its representative
 */
public record Selection(
    String method, double fraction, int[] group, int[] representative, double[] dissimilarity) {

  /** Validates the fields. */
  public Selection {
    Objects.requireNonNull(method, "method");
    KeepFractions.check(fraction);
    if (group.length != representative.length || group.length != dissimilarity.length) {
      throw new IllegalArgumentException("selection arrays differ in length");
    }
  }

  /** This selection under another method name (a variant's spelling, {@link MethodSpec}). */
  public Selection named(String name) {
    return new Selection(name, fraction, group, representative, dissimilarity);
  }

  /** Whether row {@code i} is kept: it represents its own group. */
  public boolean kept(int i) {
    return representative[i] == i;
  }

  /** The number of samples. */
  public int size() {
    return group.length;
  }

  /** The kept rows, ascending. */
  public int[] keptRows() {
    return java.util.stream.IntStream.range(0, size()).filter(this::kept).toArray();
  }
}
