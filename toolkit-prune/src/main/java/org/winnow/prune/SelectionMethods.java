package org.winnow.prune;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of offline selection methods: the one list that {@code winnow prune}, {@code run}
 * and {@code curve}, their {@code --help}, the report and {@code SelectorContractTest} read.
 *
 * <p>To add a method, write its {@link Selector} class with a {@code public static final
 * SelectionMethod METHOD} (name, description, options, factory) and add that constant to {@link
 * #ALL}. Nothing else: the commands offer its name and options, the report describes it, and the
 * contract test checks it.
 */
public final class SelectionMethods {

  /** Every method, in the order {@code --help} lists them. */
  private static final List<SelectionMethod> ALL =
      List.of(
          SemanticSelector.METHOD,
          RandomSelector.METHOD,
          SpectralSelector.METHOD,
          PrototypeSelector.METHOD,
          SemDeDupSelector.METHOD);

  /** Every option of every method, once each, by name. */
  private static final Map<String, MethodOption> OPTIONS = options(ALL);

  private SelectionMethods() {}

  /** Every registered method, in registration order. */
  public static List<SelectionMethod> all() {
    return ALL;
  }

  /** The names of the registered methods, in registration order. */
  public static List<String> names() {
    return ALL.stream().map(SelectionMethod::name).toList();
  }

  /** The method called {@code name} (case-insensitive, surrounding blanks ignored), if any. */
  public static Optional<SelectionMethod> find(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return ALL.stream().filter(m -> m.name().equals(key)).findFirst();
  }

  /**
   * The method called {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException {@code unknown method 'x' (known: semantic, ...)}
   */
  public static SelectionMethod named(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown method '" + name + "' (known: " + String.join(", ", names()) + ")"));
  }

  /**
   * Every option of the registered methods, once each (an option several methods read is one), in
   * registration order.
   */
  public static List<MethodOption> options() {
    return List.copyOf(OPTIONS.values());
  }

  /** The names of the methods that read {@code option}, in registration order. */
  public static List<String> readers(MethodOption option) {
    return ALL.stream()
        .filter(m -> m.options().contains(option))
        .map(SelectionMethod::name)
        .toList();
  }

  /**
   * Checks {@code values} before any work, so that a command refuses a bad value whichever method
   * it runs: the {@code chosen} methods build their selectors from all the values (which only
   * stores the options), and a value that no chosen method reads must suit at least one method that
   * reads it ({@code --prefer random} is semdedup's, so {@code prototype} alone refuses it).
   *
   * @param chosen the methods the command will run; none for a check of the values alone
   * @throws MethodOption.InvalidValue naming the first option whose value is bad
   */
  public static OptionValues check(OptionValues values, List<SelectionMethod> chosen) {
    for (SelectionMethod m : chosen) {
      m.create(values, 0);
    }
    for (String name : values.given().keySet()) {
      MethodOption option = OPTIONS.get(name);
      if (option == null || chosen.stream().anyMatch(m -> m.options().contains(option))) {
        continue;
      }
      OptionValues alone = OptionValues.defaults().with(option, values.given().get(name));
      MethodOption.InvalidValue first = null;
      for (SelectionMethod m : ALL) {
        if (!m.options().contains(option)) {
          continue;
        }
        try {
          m.create(alone, 0);
          first = null;
          break;
        } catch (MethodOption.InvalidValue e) {
          first = first != null ? first : e;
        }
      }
      if (first != null) {
        throw first;
      }
    }
    return values;
  }

  /** {@link #check(OptionValues, List)} with no method chosen. */
  public static OptionValues check(OptionValues values) {
    return check(values, List.of());
  }

  /**
   * Collects the options, refusing two different declarations of one name (a shared option is one
   * constant) and duplicate method names.
   */
  static Map<String, MethodOption> options(List<SelectionMethod> methods) {
    Set<String> names = new HashSet<>();
    Map<String, MethodOption> options = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (SelectionMethod m : methods) {
      if (!names.add(m.name())) {
        problems.add("method '" + m.name() + "' is registered twice");
      }
      for (MethodOption o : m.options()) {
        MethodOption before = options.putIfAbsent(o.name(), o);
        if (before != null && !before.equals(o)) {
          problems.add(o.name() + " is declared twice, differently; share one constant");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return options;
  }
}
