package org.winnow.train;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Selector options in their text form, keyed by manifest name: what {@link SelectorSpec} holds and
 * {@link SelectorOptions#describe} writes. An absent key, or an empty path, takes the default.
 */
final class OptionText {

  private OptionText() {}

  static double decimal(Map<String, String> settings, String key, double absent) {
    String v = settings.get(key);
    try {
      return v == null ? absent : Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("selector option " + key + ": not a number: '" + v + "'");
    }
  }

  static int integer(Map<String, String> settings, String key, int absent) {
    String v = settings.get(key);
    try {
      return v == null ? absent : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "selector option " + key + ": not an integer: '" + v + "'");
    }
  }

  static Optional<Path> path(Map<String, String> settings, String key) {
    String v = settings.getOrDefault(key, "");
    return v.isEmpty() ? Optional.empty() : Optional.of(Path.of(v));
  }

  /** A path as manifests write it: absolute and normalised; {@code ""} for none. */
  static String text(Optional<Path> path) {
    return path.map(OptionText::text).orElse("");
  }

  /** A path as manifests write it: absolute and normalised. */
  static String text(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
