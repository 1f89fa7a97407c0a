package org.winnow.train.curve;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.winnow.datasets.OpenOptions;
import org.winnow.prune.KeepFractions;

/**
 * What {@link RedundancyCurve#run} measures.
 *
 * @param data the dataset folder
 * @param open how to open it (format override, bad-image policy)
 * @param embeddings the reference embeddings of its train split ({@code winnow embed}); the
 *     semantic subsets come from them
 * @param fractions keep fractions, each in (0, 1], no repeats; 1 is the full training split
 * @param methods the methods to compare, no repeats: names of {@link CurveMethods} (a per-batch
 *     training selector, or a registered offline method that chooses subsets)
 * @param trials trials per (method, fraction), at least 1
 * @param seed the seed of trial 1; trial t uses {@code seed + t - 1} for training and, for a seeded
 *     subset method such as {@code random}, for the subset
 * @param out the curve's folder
 * @param version the Winnow version, for the manifest
 */
public record CurveOptions(
    Path data,
    OpenOptions open,
    Path embeddings,
    List<Double> fractions,
    List<String> methods,
    int trials,
    long seed,
    Path out,
    String version) {

  /** Validates the options. */
  public CurveOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(embeddings, "embeddings");
    fractions = checkFractions(fractions);
    methods = methods.stream().map(CurveMethods::canonical).toList();
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(version, "version");
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("--methods: give at least one method");
    }
    if (new HashSet<>(methods).size() != methods.size()) {
      throw new IllegalArgumentException("--methods: repeated values in " + methods);
    }
    if (trials < 1) {
      throw new IllegalArgumentException("--trials must be at least 1, not " + trials);
    }
  }

  /**
   * Returns an immutable copy of a curve's fractions if there is at least one, each in (0, 1], none
   * twice.
   *
   * @throws IllegalArgumentException naming {@code --fractions} otherwise
   */
  public static List<Double> checkFractions(List<Double> fractions) {
    return KeepFractions.checkAll("--fractions", "--fractions: each", fractions);
  }

  /** The seed of trial {@code t} (from 1). */
  public long trialSeed(int t) {
    return seed + t - 1;
  }
}
