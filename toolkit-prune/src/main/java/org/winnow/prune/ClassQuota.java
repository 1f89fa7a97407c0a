package org.winnow.prune;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How many samples a class keeps at a fraction, and how a count is shared among parts of a class
 * (k-means chunks, SALN batches). Every selector uses the same counts, so that at the same fraction
 * semantic, random and SALN subsets have exactly the same size per class.
 */
final class ClassQuota {

  private ClassQuota() {}

  /**
   * {@code k = round(f · n)}, at least 1 and at most n (Birodkar et al. 2019, section 3.2: each
   * class is clustered down to the size of its share of the subset). Rounding is half-up on the
   * decimal value of f, so {@code 0.9 · 5 = 4.5} keeps 5; an empty class keeps 0.
   */
  static int keep(int n, double fraction) {
    KeepFractions.check(fraction);
    if (n == 0) {
      return 0;
    }
    int k =
        BigDecimal.valueOf(fraction)
            .multiply(BigDecimal.valueOf(n))
            .setScale(0, RoundingMode.HALF_UP)
            .intValueExact();
    return Math.clamp(k, 1, n);
  }

  /**
   * Shares {@code total} among parts in proportion to their sizes, by largest remainder (ties to
   * the earlier part), never more than a part's size.
   *
   * @param atLeastOne whether every part gets at least one; then {@code total} must be at least the
   *     number of parts
   */
  static int[] distribute(int total, int[] sizes, boolean atLeastOne) {
    int parts = sizes.length;
    int[] share = new int[parts];
    long[] capacity = new long[parts];
    long capacitySum = 0;
    int remaining = total;
    for (int p = 0; p < parts; p++) {
      share[p] = atLeastOne ? 1 : 0;
      capacity[p] = sizes[p] - share[p];
      capacitySum += capacity[p];
      remaining -= share[p];
    }
    if (remaining < 0 || remaining > capacitySum) {
      throw new IllegalArgumentException(
          "cannot share " + total + " among parts of sizes " + java.util.Arrays.toString(sizes));
    }
    if (remaining == 0) {
      return share;
    }
    double[] fractionPart = new double[parts];
    int given = 0;
    for (int p = 0; p < parts; p++) {
      double ideal = (double) remaining * capacity[p] / capacitySum;
      int floor = (int) Math.floor(ideal);
      share[p] += floor;
      given += floor;
      fractionPart[p] = ideal - floor;
    }
    Integer[] order = new Integer[parts];
    for (int p = 0; p < parts; p++) {
      order[p] = p;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(fractionPart[b], fractionPart[a]));
    for (int i = 0; given < remaining; i++) {
      int p = order[i % parts];
      if (share[p] < sizes[p]) {
        share[p]++;
        given++;
      }
    }
    return share;
  }
}
