package org.winnow.spark.prune;

import java.io.Serializable;
import java.util.List;
import java.util.TreeMap;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.OptionValues;
import org.winnow.prune.SelectionMethods;
import org.winnow.prune.Selector;

/**
 * A selection method as the command spelled it, its option values and the seed: what a task needs
 * to build the same {@link Selector} as the driver, since selectors are not serializable.
 *
 * @param method the method's spelling, e.g. {@code prototype-easy}
 * @param options the option values given, by option name
 * @param seed the seed of the methods that draw at random
 */
record Recipe(String method, TreeMap<String, String> options, long seed) implements Serializable {

  /**
   * Checks the method and its values as {@code winnow prune} does.
   *
   * @throws IllegalArgumentException naming an unknown method or the first bad option value
   */
  Recipe {
    options = new TreeMap<>(options);
    spec(method, options);
  }

  private static MethodSpec spec(String method, TreeMap<String, String> options) {
    return SelectionMethods.spec(method, new OptionValues(options));
  }

  /** The method's spec. */
  MethodSpec spec() {
    return spec(method, options);
  }

  /** A fresh selector. */
  Selector selector() {
    return spec().create(seed);
  }

  /**
   * Whether the selector selects at thresholds ({@code semdedup --epsilon}) instead of fractions.
   */
  boolean byThreshold() {
    return !selector().thresholds().isEmpty();
  }

  /** The methods' option names a command line may give, for the parser. */
  static List<String> optionNames() {
    return SelectionMethods.options().stream().map(o -> o.name()).toList();
  }
}
