package org.winnow.train.curve;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.winnow.datasets.OpenOptions;

/**
 * What {@link RedundancyCurve#run} measures.
 *
 * @param data the dataset folder
 * @param open how to open it (format override, bad-image policy)
 * @param embeddings the reference embeddings of its train split ({@code winnow embed}); the
 *     semantic subsets come from them
 * @param fractions keep fractions, each in (0, 1], no repeats; 1 is the full training split
 * @param methods the methods to compare, no repeats
 * @param trials trials per (method, fraction), at least 1
 * @param seed the seed of trial 1; trial t uses {@code seed + t - 1} for training and, for {@code
 *     random}, for the subset
 * @param out the curve's folder
 * @param version the Winnow version, for the manifest
 */
public record CurveOptions(
    Path data,
    OpenOptions open,
    Path embeddings,
    List<Double> fractions,
    List<CurveMethod> methods,
    int trials,
    long seed,
    Path out,
    String version) {

  /** Validates the options. */
  public CurveOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(embeddings, "embeddings");
    fractions = List.copyOf(fractions);
    methods = List.copyOf(methods);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(version, "version");
    if (fractions.isEmpty()) {
      throw new IllegalArgumentException("--fractions: give at least one fraction");
    }
    for (double f : fractions) {
      if (!(f > 0 && f <= 1)) {
        throw new IllegalArgumentException("--fractions: each must be in (0, 1], got " + f);
      }
    }
    if (new HashSet<>(fractions).size() != fractions.size()) {
      throw new IllegalArgumentException("--fractions: repeated values in " + fractions);
    }
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

  /** The seed of trial {@code t} (from 1). */
  public long trialSeed(int t) {
    return seed + t - 1;
  }

  /** A fraction as the tables and folder names write it: {@code 0.9}, {@code 1}. */
  public static String format(double fraction) {
    return BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString();
  }
}
