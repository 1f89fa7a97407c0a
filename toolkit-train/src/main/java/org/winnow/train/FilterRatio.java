package org.winnow.train;

import java.util.Map;

/**
 * The fraction of each batch that {@code saln}, {@code random-batch} and {@code jest} leave out, in
 * [0, 1): one option of three selectors, read and checked here once.
 *
 * @param value the fraction
 */
public record FilterRatio(double value) {

  /** Its manifest name. */
  public static final String KEY = "filter_ratio";

  /** The default: leave out 80% of each batch. */
  public static final double DEFAULT = 0.8;

  /**
   * Validates the fraction.
   *
   * @throws IllegalArgumentException naming {@code --filter-ratio}
   */
  public FilterRatio {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException("--filter-ratio must be in [0, 1), got " + value);
    }
  }

  /** The ratio among selector options in text form ({@link #DEFAULT} when absent). */
  static FilterRatio of(Map<String, String> settings) {
    return new FilterRatio(OptionText.decimal(settings, KEY, DEFAULT));
  }

  /** As the manifest writes it. */
  String text() {
    return Double.toString(value);
  }
}
