package org.winnow.prune;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;

/**
 * The one check and the one spelling of keep fractions, for every place that takes one: the
 * selectors and {@link Pruning} (the library), and {@code winnow prune --keep}, {@code winnow run
 * --keep} and {@code winnow curve --fractions} (each naming its option in the message). A keep
 * fraction is the share of each class a subset keeps, in (0, 1]; 1 is the whole class.
 */
public final class KeepFractions {

  /** What the library calls one fraction in its messages. */
  public static final String FRACTION = "keep fraction";

  /** What the library calls a list of fractions in its messages. */
  public static final String FRACTIONS = "keep fractions";

  private KeepFractions() {}

  /**
   * Returns {@code fraction} if it is in (0, 1].
   *
   * @throws IllegalArgumentException {@code keep fraction must be in (0, 1], got X} otherwise
   */
  public static double check(double fraction) {
    return check(FRACTION, fraction);
  }

  /**
   * Returns {@code fraction} if it is in (0, 1].
   *
   * @param subject what the message calls the value, e.g. {@code --keep}
   * @throws IllegalArgumentException {@code <subject> must be in (0, 1], got X} otherwise
   */
  public static double check(String subject, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(subject + " must be in (0, 1], got " + format(fraction));
    }
    return fraction;
  }

  /**
   * Returns an immutable copy of {@code fractions} if it holds at least one fraction, each in (0,
   * 1], none twice.
   *
   * @param subject what the messages about the list call it, e.g. {@code --fractions}
   * @param each what the message about a value out of range calls it, e.g. {@code --fractions:
   *     each}; see {@link #check(String, double)}
   * @throws IllegalArgumentException naming {@code subject} or {@code each} otherwise
   */
  public static List<Double> checkAll(String subject, String each, List<Double> fractions) {
    List<Double> copy = List.copyOf(fractions);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(subject + ": give at least one");
    }
    copy.forEach(f -> check(each, f));
    if (new HashSet<>(copy).size() != copy.size()) {
      throw new IllegalArgumentException(subject + ": repeated values in " + copy);
    }
    return copy;
  }

  /**
   * A fraction as file names, tables and manifests write it: the shortest decimal, without trailing
   * zeros ({@code 0.9}, {@code 1}); {@code NaN} and infinities as Java spells them.
   */
  public static String format(double fraction) {
    return Double.isFinite(fraction)
        ? BigDecimal.valueOf(fraction).stripTrailingZeros().toPlainString()
        : Double.toString(fraction);
  }
}
