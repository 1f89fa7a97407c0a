package org.winnow.prune;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which samples one method keeps at one fraction, and the redundant group of every sample: each
 * sample belongs to the group of exactly one kept sample, its representative. For {@code semantic}
 * the groups are the clusters of the cut; for methods without clusters ({@code random}, {@code
 * saln}) a discarded sample joins the kept sample of its class it is most similar to.
 *
 * <p>Arrays are indexed by dataset row and shared, not copied. A method whose kept count is an
 * outcome ({@code semdedup}) may group a sample with a kept sample of another class and then
 * numbers its groups over the whole set, so a group number is unique within a class either way.
 *
 * @param method the selector's name
 * @param fraction the requested keep fraction
 * @param group each sample's group, numbered from 0 within its class
 * @param representative the dataset row of the kept sample each sample's group keeps
 * @param dissimilarity {@code 1 - cos} between each sample and its representative
 * @param threshold for a method that selects at a similarity threshold ({@code semdedup}), the
 *     threshold and the run's table; empty otherwise
 */
public record Selection(
    String method,
    double fraction,
    int[] group,
    int[] representative,
    double[] dissimilarity,
    Optional<Threshold> threshold) {

  /**
   * The threshold a selection was made at, and what every threshold of the same run kept: the ε to
   * kept-fraction table that the SemDeDup paper reports (Abbas et al. 2023, table 1).
   *
   * @param epsilon this selection's ε: a sample was dropped at cosine similarity above {@code 1 -
   *     ε} to a kept one
   * @param table each ε of the run and the fraction of all samples it kept, ascending ε
   */
  public record Threshold(double epsilon, SortedMap<Double, Double> table) {

    /** Copies the table. */
    public Threshold {
      table = Collections.unmodifiableSortedMap(new TreeMap<>(table));
    }
  }

  /** A selection at a keep fraction, without a threshold. */
  public Selection(
      String method, double fraction, int[] group, int[] representative, double[] dissimilarity) {
    this(method, fraction, group, representative, dissimilarity, Optional.empty());
  }

  /** Validates the fields. */
  public Selection {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(threshold, "threshold");
    KeepFractions.check(fraction);
    if (group.length != representative.length || group.length != dissimilarity.length) {
      throw new IllegalArgumentException("selection arrays differ in length");
    }
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
