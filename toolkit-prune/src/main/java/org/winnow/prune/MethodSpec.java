package org.winnow.prune;

import java.util.Objects;

/**
 * A chosen method and its option values: everything that decides a selection except the seed, which
 * the job supplies ({@code winnow run}'s seed, a curve trial's seed).
 *
 * @param method the method
 * @param options the values of its options
 */
public record MethodSpec(SelectionMethod method, OptionValues options) {

  /**
   * Validates the values of the method's options.
   *
   * @throws MethodOption.InvalidValue naming the option whose value is bad
   */
  public MethodSpec {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(options, "options");
    method.create(options, 0);
  }

  /** The method with every option at its default. */
  public static MethodSpec defaults(SelectionMethod method) {
    return new MethodSpec(method, OptionValues.defaults());
  }

  /** The method's selector for {@code seed} (ignored by methods that draw nothing). */
  public Selector create(long seed) {
    return method.create(options, seed);
  }
}
