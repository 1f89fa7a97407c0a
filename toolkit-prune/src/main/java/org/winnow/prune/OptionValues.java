package org.winnow.prune;

import java.util.Collections;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The values of method options as given on the command line, as text, by option name; an option not
 * given has its default. A method's {@code Options} record reads what it needs with {@link
 * #integer} and {@link #flag}, which refuse text of the wrong kind with a message naming the
 * option.
 *
 * @param given the values given, by option name (e.g. {@code --batch-size} to {@code 64})
 */
public record OptionValues(SortedMap<String, String> given) {

  /** Copies the map. */
  public OptionValues {
    given = Collections.unmodifiableSortedMap(new TreeMap<>(given));
  }

  /** Every option at its default. */
  public static OptionValues defaults() {
    return new OptionValues(new TreeMap<>());
  }

  /** These values with {@code option} set to {@code text}. */
  public OptionValues with(MethodOption option, String text) {
    TreeMap<String, String> m = new TreeMap<>(given);
    m.put(option.name(), Objects.requireNonNull(text, "text"));
    return new OptionValues(m);
  }

  /** The value of {@code option} as text: as given, else its default. */
  public String text(MethodOption option) {
    return given.getOrDefault(option.name(), option.defaultValue());
  }

  /**
   * The value of {@code option} as an {@code int}.
   *
   * @throws MethodOption.InvalidValue when it is not a whole number in the range of an {@code int}
   */
  public int integer(MethodOption option) {
    String text = text(option);
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw option.invalid("must be a whole number, got '" + text + "'");
    }
  }

  /**
   * The value of an option with {@link MethodOption#choices()}, lower-cased and stripped.
   *
   * @throws MethodOption.InvalidValue when it is not one of the choices
   */
  public String choice(MethodOption option) {
    String v = text(option).strip().toLowerCase(Locale.ROOT);
    if (!option.choices().contains(v)) {
      throw option.invalid("must be one of " + option.label() + ", got '" + text(option) + "'");
    }
    return v;
  }

  /**
   * The value of a flag.
   *
   * @throws MethodOption.InvalidValue when it is neither {@code true} nor {@code false}
   */
  public boolean flag(MethodOption option) {
    return switch (text(option)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw option.invalid("is a flag, true or false, got '" + text(option) + "'");
    };
  }
}
