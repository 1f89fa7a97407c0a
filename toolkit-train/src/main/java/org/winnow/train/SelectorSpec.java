package org.winnow.train;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A run's per-batch selector: its registered name and the selector options the run was given, in
 * their text form keyed by manifest name ({@code filter_ratio}, {@code jest_chunks}, ...).
 *
 * <p>The options of every registered selector are read and validated, not only the named one's: the
 * command line takes them whatever the selector, a redundancy curve gives one set to every selector
 * it compares (and varies only the name), and manifests record them all ({@link #describe}), so
 * that result files and {@code --resume} see the same keys for every selector.
 *
 * @param name the selector, as {@link BatchSelectors#entry} accepts it; stored as registered
 * @param settings the options given; absent keys take their defaults
 */
public record SelectorSpec(String name, Map<String, String> settings) {

  /**
   * Validates the name and every option given.
   *
   * @throws IllegalArgumentException naming the unknown selector, the unknown option or the option
   *     and what is wrong with it
   */
  public SelectorSpec {
    name = BatchSelectors.entry(name).name();
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    for (String key : settings.keySet()) {
      if (!BatchSelectors.optionKeys().contains(key)) {
        throw new IllegalArgumentException(
            "unknown selector option '"
                + key
                + "' (known: "
                + String.join(", ", BatchSelectors.optionKeys())
                + ")");
      }
    }
    for (BatchSelectors.Entry e : BatchSelectors.entries()) {
      e.options().apply(settings);
    }
  }

  /** {@link BatchSelectors#STANDARD} with every option at its default. */
  public static SelectorSpec standard() {
    return new SelectorSpec(BatchSelectors.STANDARD, Map.of());
  }

  /** The same options for another selector. */
  public SelectorSpec withName(String other) {
    return new SelectorSpec(other, settings);
  }

  /** With one option set, e.g. {@code with(FilterRatio.KEY, "0.5")}. */
  public SelectorSpec with(String key, String value) {
    TreeMap<String, String> m = new TreeMap<>(settings);
    m.put(key, value);
    return new SelectorSpec(name, m);
  }

  /** The named selector's options. */
  public SelectorOptions options() {
    return BatchSelectors.entry(name).options().apply(settings);
  }

  /**
   * The manifest's entries: {@code selector} and every selector option, at the value given or its
   * default.
   */
  public SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>();
    for (BatchSelectors.Entry e : BatchSelectors.entries()) {
      m.putAll(e.options().apply(settings).describe());
    }
    m.put("selector", name);
    return m;
  }
}
