package org.winnow.train.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.SelectionMethods;
import org.winnow.train.BatchSelectors;

/**
 * The names a curve's {@code --methods} accepts, read from the two registries: a per-batch training
 * selector (training's selectors: {@code standard}, {@code saln}, ...) trains on the full set and
 * chooses per batch, at fraction 1 only; any other registered offline method ({@link
 * SelectionMethods}: {@code semantic}, {@code random}, ...) chooses a subset per fraction that the
 * standard trainer trains on. <b>A name that is both is the per-batch selector</b>: {@code saln} in
 * a curve is SALN during training, as the SALN comparison needs; offline SALN subsets are {@code
 * winnow prune --method saln}. A method's variants ({@code prototype-easy}, {@code prototype-hard}:
 * {@link SelectionMethods#spellings()}) are subset methods of their own, each named as spelled in
 * the curve's tables.
 */
public final class CurveMethods {

  /** The per-batch selector of every run on a subset and of the full-set runs. */
  public static final String STANDARD = BatchSelectors.STANDARD;

  private CurveMethods() {}

  /** Training's per-batch selectors, in their registry's order: the curve reads them only here. */
  static List<String> perBatch() {
    return BatchSelectors.names();
  }

  /**
   * Every name a curve accepts: the subset methods with their variants, then the per-batch
   * selectors.
   */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (String m : SelectionMethods.spellings()) {
      if (!perBatch().contains(m)) {
        names.add(m);
      }
    }
    names.addAll(perBatch());
    return names;
  }

  /**
   * The method called {@code name} as the curve spells it (lower case, blanks stripped).
   *
   * @throws IllegalArgumentException {@code unknown curve method 'x' (known: ...)}
   */
  public static String canonical(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    if (!names().contains(key)) {
      throw new IllegalArgumentException(
          "unknown curve method '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return key;
  }

  /** Whether {@code name} chooses a subset before training (else it selects per batch). */
  public static boolean isSubset(String name) {
    return subsetMethod(name).isPresent();
  }

  /**
   * The offline method, with the option a variant sets, that {@code name} stands for; empty for a
   * per-batch selector.
   */
  static Optional<MethodSpec> subsetMethod(String name) {
    return perBatch().contains(name) ? Optional.empty() : SelectionMethods.spec(name);
  }
}
