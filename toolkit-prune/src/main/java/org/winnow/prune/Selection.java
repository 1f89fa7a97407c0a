package org.winnow.prune;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which samples one method keeps at one fraction, and the group of every sample. Every sample has a
 * representative: itself when kept, otherwise a kept sample (of its class, except for semdedup over
 * all samples). What the group and the dissimilarity mean is the selection's {@link Kind}:
 *
 * <ul>
 *   <li>{@link Kind#REPRESENTATIVE} (every method but prototype): each sample belongs to the group
 *       of exactly one kept sample, its representative, and the dissimilarity is {@code 1 - cos} to
 *       it. For {@code semantic} the groups are the clusters of the cut; for methods without
 *       clusters ({@code random}, {@code saln}) a discarded sample joins the kept sample of its
 *       class it is most similar to.
 *   <li>{@link Kind#CLUSTER_DIFFICULTY} ({@code prototype}): the group is the sample's k-means
 *       cluster, the dissimilarity its difficulty, {@code 1 - cos} to that cluster's centroid (kept
 *       samples too), and the representative the kept sample of its class most similar to it, which
 *       stands in for it once it is removed.
 * </ul>
 *
 * <p>Arrays are indexed by dataset row and shared, not copied. A method whose kept count is an
 * outcome ({@code semdedup}) may group a sample with a kept sample of another class and then
 * numbers its groups over the whole set, so a group number is unique within a class either way.
 *
 * @param method the selector's name
 * @param fraction the requested keep fraction
 * @param group each sample's group: with {@link Kind#REPRESENTATIVE} numbered from 0 within its
 *     class; with {@link Kind#CLUSTER_DIFFICULTY} its cluster, numbered across classes (one number
 *     per class and cluster when each class is clustered on its own)
 * @param representative the dataset row of each sample's representative
 * @param dissimilarity {@code 1 - cos} between each sample and its representative, or its
 *     difficulty
 * @param kind what the groups and dissimilarities mean
 * @param threshold for a method that selects at a similarity threshold ({@code semdedup}), the
 *     threshold and the run's table; empty otherwise
 */
public record Selection(
    String method,
    double fraction,
    int[] group,
    int[] representative,
    double[] dissimilarity,
    Kind kind,
    Optional<Threshold> threshold) {

  /** What a selection's groups and dissimilarities mean. */
  public enum Kind {
    /** The group of a kept representative, and {@code 1 - cos} to it. */
    REPRESENTATIVE,
    /** The k-means cluster, and the difficulty: {@code 1 - cos} to the cluster's centroid. */
    CLUSTER_DIFFICULTY
  }

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

  /** Validates the fields. */
  public Selection {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(threshold, "threshold");
    KeepFractions.check(fraction);
    if (group.length != representative.length || group.length != dissimilarity.length) {
      throw new IllegalArgumentException("selection arrays differ in length");
    }
  }

  /** A selection of {@link Kind#REPRESENTATIVE} groups at a threshold, or without one. */
  public Selection(
      String method,
      double fraction,
      int[] group,
      int[] representative,
      double[] dissimilarity,
      Optional<Threshold> threshold) {
    this(method, fraction, group, representative, dissimilarity, Kind.REPRESENTATIVE, threshold);
  }

  /** A selection of {@link Kind#REPRESENTATIVE} groups, without a threshold. */
  public Selection(
      String method, double fraction, int[] group, int[] representative, double[] dissimilarity) {
    this(method, fraction, group, representative, dissimilarity, Optional.empty());
  }

  /** This selection under another method name (a variant's spelling, {@link MethodSpec}). */
  public Selection named(String name) {
    return new Selection(name, fraction, group, representative, dissimilarity, kind, threshold);
  }

  /** This selection with groups and dissimilarities of another {@link Kind}. */
  Selection as(Kind other) {
    return new Selection(method, fraction, group, representative, dissimilarity, other, threshold);
  }

  /** Whether row {@code i} is kept: it is its own representative. */
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
