package org.winnow.prune;

import java.util.List;

/**
 * The options that the k-means methods ({@code prototype}, {@code semdedup}) share: one constant
 * each, so that {@code --clusters} and {@code --prefer} mean the same thing whichever of them reads
 * them, and each method accepts the values that make sense for it.
 *
 * <p>{@code --clusters auto} (the default) is one cluster per class for prototype's {@code --scope
 * class} (the "supervised prototypes" of Sorscher et al. 2022), and {@link #autoClusters(int)}
 * clusters over all {@code n} samples otherwise: {@code round(sqrt(n))}, so that the clusters hold
 * about {@code sqrt(n)} samples each and one cluster's {@code m x m} similarity block stays as
 * small as the number of clusters (1,000 clusters of about 1,000 for a million samples).
 */
public final class KMeansOptions {

  private KMeansOptions() {}

  /** {@code --clusters}: a number of k-means clusters, or {@code auto}. */
  public static final MethodOption CLUSTERS =
      new MethodOption(
          "--clusters",
          "K",
          "auto",
          "k-means clusters: per class with prototype --scope class (auto: 1), else over all"
              + " samples (auto: round(sqrt(n))).");

  /** {@code --prefer}: which samples a method keeps first; each method takes some of the values. */
  public static final MethodOption PREFER =
      new MethodOption(
          "--prefer",
          "easy|hard|auto|random",
          "auto",
          "which samples to keep first. prototype: nearest a centroid (easy), farthest (hard), or"
              + " auto: hard when keeping at least half, easy below. semdedup: of near-duplicates,"
              + " keep the farthest from the centroid (hard; also auto), the nearest (easy) or a"
              + " random one.");

  /**
   * The value of {@code --clusters}: a number of clusters, at least 1, or 0 for {@code auto}.
   *
   * @throws MethodOption.InvalidValue when it is neither {@code auto} nor a whole number at least 1
   */
  public static int clusters(OptionValues values) {
    if (values.text(CLUSTERS).strip().equalsIgnoreCase("auto")) {
      return 0;
    }
    int k;
    try {
      k = values.integer(CLUSTERS);
    } catch (MethodOption.InvalidValue e) {
      throw CLUSTERS.invalid("must be a whole number or auto, got '" + values.text(CLUSTERS) + "'");
    }
    if (k < 1) {
      throw CLUSTERS.invalid("must be at least 1, got " + k);
    }
    return k;
  }

  /**
   * The clusters {@code --clusters auto} gives over {@code n} samples: {@code round(sqrt(n))}, at
   * least 1.
   */
  public static int autoClusters(int n) {
    return Math.max(1, (int) Math.round(Math.sqrt(n)));
  }

  /**
   * The value of {@code --prefer}, lower-cased, for a method that takes only {@code accepted} of
   * its values.
   *
   * @param method the method's name, for the message
   * @throws MethodOption.InvalidValue naming the values the method takes
   */
  public static String prefer(OptionValues values, String method, List<String> accepted) {
    String text = values.text(PREFER);
    String v = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (!accepted.contains(v)) {
      throw PREFER.invalid("must be one of " + String.join("|", accepted) + ", got '" + text + "'");
    }
    return v;
  }
}
