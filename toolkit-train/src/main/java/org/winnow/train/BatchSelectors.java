package org.winnow.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The per-batch selectors, by name: the one place where a selector is named, described, given its
 * options and built. {@code winnow train --help}, {@link SelectorSpec} and the redundancy curve
 * read it. Adding a selector is one class (the {@link BatchSelector} and its {@link
 * SelectorOptions} record) and one line in {@link #ENTRIES}; {@code BatchSelectorContractTest} then
 * checks it.
 */
public final class BatchSelectors {

  /** The selector a run uses unless told otherwise: every sample of every batch. */
  public static final String STANDARD = "standard";

  /**
   * One registered selector.
   *
   * @param name the name users type and manifests record
   * @param description one line for {@code --help}, at most {@value #DESCRIPTION_LENGTH} characters
   * @param options reads the selector's options from their text form (absent keys take their
   *     defaults) and validates them
   */
  public record Entry(
      String name, String description, Function<Map<String, String>, SelectorOptions> options) {

    /** The longest description that {@code --help} shows on one line beside the names. */
    public static final int DESCRIPTION_LENGTH = 62;

    /** Validates the fields. */
    public Entry {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(options, "options");
      if (description.length() > DESCRIPTION_LENGTH || description.contains("\n")) {
        throw new IllegalArgumentException(
            name
                + ": a selector's description is one line of at most "
                + DESCRIPTION_LENGTH
                + " characters");
      }
    }
  }

  private static final List<Entry> ENTRIES =
      List.of(
          new Entry(STANDARD, "every sample of every batch", StandardSelector.Options::of),
          new Entry(
              "saln",
              "int(B(1-r)) per batch by Fiedler score of reference embeddings",
              SalnSelector.Options::of),
          new Entry(
              "random-batch",
              "saln's count per batch, at random (its compute-equal control)",
              RandomBatchSelector.Options::of),
          new Entry(
              "jest",
              "B of B/(1-r) candidates, by learner loss - reference loss",
              JestSelector.Options::of));

  /** Every option key of every selector, from their defaults. */
  private static final SortedSet<String> KEYS =
      ENTRIES.stream()
          .flatMap(e -> e.options().apply(Map.of()).describe().keySet().stream())
          .collect(Collectors.toCollection(TreeSet::new));

  private BatchSelectors() {}

  /** The registered selectors, in the order {@code --help} lists them. */
  public static List<Entry> entries() {
    return ENTRIES;
  }

  /** Their names. */
  public static List<String> names() {
    return ENTRIES.stream().map(Entry::name).toList();
  }

  /** Whether {@code name} names a registered selector (as {@link #entry} accepts it). */
  public static boolean isRegistered(String name) {
    return find(name) != null;
  }

  /**
   * The selector called {@code name}, case-insensitive, with {@code _} for {@code -}.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Entry entry(String name) {
    Entry e = find(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown selector '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return e;
  }

  /** The manifest names of every selector option. */
  static SortedSet<String> optionKeys() {
    return KEYS;
  }

  private static Entry find(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    return ENTRIES.stream().filter(e -> e.name().equals(key)).findFirst().orElse(null);
  }
}
