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
 *
 * <p>Each method also answers to its <b>variants</b>, {@code NAME-VALUE} for every value other than
 * the default of an option with {@link MethodOption#choices()} that it reads and accepts (a
 * default's variant would be the method itself under a second name): {@code prototype-easy} is
 * {@code prototype --prefer easy}, {@code prototype-global} is {@code prototype --scope global}.
 * The variants come from the registry too ({@link #spellings()}, {@link #spec(String)}), so that a
 * curve compares {@code prototype-easy} with {@code prototype-hard} by name, and keep no value the
 * method refuses ({@code prototype-random} is unknown).
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

  /** Every method and its variants, by spelling, in registration order. */
  private static final Map<String, MethodSpec> SPELLINGS = spellings(ALL);

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
   * Every name a {@code --method} accepts: each method followed by its variants ({@code prototype,
   * prototype-easy, prototype-hard, ...}), in registration order.
   */
  public static List<String> spellings() {
    return List.copyOf(SPELLINGS.keySet());
  }

  /** The variants of {@code method} ({@code NAME-VALUE}), in the order of its options' choices. */
  public static List<String> variants(SelectionMethod method) {
    return SPELLINGS.values().stream()
        .filter(s -> s.method().equals(method) && !s.name().equals(method.name()))
        .map(MethodSpec::name)
        .toList();
  }

  /**
   * What {@code name} spells (case-insensitive, surrounding blanks ignored): a method with its
   * defaults, or a variant, the method with one option set.
   */
  public static Optional<MethodSpec> spec(String name) {
    return Optional.ofNullable(SPELLINGS.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /**
   * What {@code name} spells, with the option values {@code given} to the command, all checked as
   * {@link #check(OptionValues, List)} does.
   *
   * @throws IllegalArgumentException {@code unknown method 'x' (known: semantic, ...)} listing
   *     every spelling
   * @throws MethodOption.InvalidValue naming the first option whose value is bad, or one given
   *     otherwise than the variant sets it ({@code prototype-easy --prefer hard})
   */
  public static MethodSpec spec(String name, OptionValues given) {
    MethodSpec spelled =
        spec(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown method '"
                            + name
                            + "' (known: "
                            + String.join(", ", spellings())
                            + ")"));
    OptionValues values = given;
    for (Map.Entry<String, String> set : spelled.options().given().entrySet()) {
      MethodOption option = OPTIONS.get(set.getKey());
      String mine = given.given().get(set.getKey());
      if (mine != null && !mine.strip().equalsIgnoreCase(set.getValue())) {
        throw option.invalid(
            "is " + set.getValue() + " in --method " + spelled.name() + ", got '" + mine + "'");
      }
      values = values.with(option, set.getValue());
    }
    return new MethodSpec(
        spelled.name(), spelled.method(), check(values, List.of(spelled.method())));
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
   * Each method under its name, then its variants: {@code NAME-VALUE} for each value but the
   * default of each of its options with choices that it accepts; refuses a spelling given twice
   * (two options sharing a value, or a variant that is another method's name).
   */
  static Map<String, MethodSpec> spellings(List<SelectionMethod> methods) {
    Map<String, MethodSpec> spellings = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (SelectionMethod m : methods) {
      List<MethodSpec> specs = new ArrayList<>(List.of(MethodSpec.defaults(m)));
      for (MethodOption o : m.options()) {
        for (String value : o.choices()) {
          if (value.equals(o.defaultValue())) {
            continue;
          }
          try {
            specs.add(
                new MethodSpec(m.name() + "-" + value, m, OptionValues.defaults().with(o, value)));
          } catch (MethodOption.InvalidValue refused) {
            // Not a value of this method: no variant.
          }
        }
      }
      for (MethodSpec s : specs) {
        if (spellings.putIfAbsent(s.name(), s) != null) {
          problems.add("'" + s.name() + "' names two methods or variants");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(String.join("; ", problems));
    }
    return spellings;
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
