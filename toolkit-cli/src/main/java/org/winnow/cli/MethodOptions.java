package org.winnow.cli;

import java.util.ArrayList;
import java.util.List;
import org.winnow.prune.MethodOption;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.OptionValues;
import org.winnow.prune.SelectionMethods;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives a command with a {@code --method} the registered selection methods ({@link
 * SelectionMethods}): as a picocli model transformer it lists the methods in the command's help,
 * one line each, and adds every method's options; {@link #spec} reads the chosen method and the
 * values given. Nothing here names a method: a registered method appears in every such command,
 * with its variants ({@code prototype-easy}: {@link SelectionMethods#spec(String)}).
 *
 * <p>An option keeps its name unless the command already has an option of that name: then it is
 * added as {@code --<method>-<name>} ({@code winnow run}'s {@code --batch-size} is the training
 * batch, so SALN's is {@code --saln-batch-size} there).
 */
final class MethodOptions implements CommandLine.IModelTransformer {

  @Override
  public CommandSpec transform(CommandSpec spec) {
    for (MethodOption o : SelectionMethods.options()) {
      List<String> readers = SelectionMethods.readers(o);
      String name =
          spec.optionsMap().containsKey(o.name())
              ? "--" + readers.getFirst() + "-" + o.name().substring(2)
              : o.name();
      String text =
          String.join(", ", readers)
              + ": "
              + o.description()
              + (o.isFlag() ? "" : " Default: " + o.defaultValue() + ".");
      OptionSpec.Builder option = OptionSpec.builder(name).description(escape(text)).userObject(o);
      if (o.isFlag()) {
        option.type(boolean.class).arity("0");
      } else {
        option.type(String.class).paramLabel(o.label());
      }
      spec.addOption(option.build());
    }
    // The list goes before the description's closing blank line, if it has one.
    List<String> description = new ArrayList<>(List.of(spec.usageMessage().description()));
    boolean blankLast = !description.isEmpty() && description.getLast().isEmpty();
    List<String> methods = new ArrayList<>(List.of("", "Methods (--method):"));
    methods.addAll(
        table(
            SelectionMethods.names(),
            SelectionMethods.all().stream()
                .map(m -> m.description() + (m.isSeeded() ? " (seeded)" : ""))
                .toList()));
    methods.addAll(variants());
    description.addAll(blankLast ? description.size() - 1 : description.size(), methods);
    spec.usageMessage().description(description.toArray(String[]::new));
    return spec;
  }

  /**
   * Help lines naming the methods' variants: for each method and option, the variants that set it
   * ({@code prototype --prefer: prototype-easy, prototype-hard}).
   */
  private static List<String> variants() {
    java.util.Map<String, List<String>> byOption = new java.util.LinkedHashMap<>();
    for (String spelling : SelectionMethods.spellings()) {
      MethodSpec v = SelectionMethods.spec(spelling).orElseThrow();
      v.options()
          .given()
          .keySet()
          .forEach(
              option ->
                  byOption
                      .computeIfAbsent(
                          v.method().name() + " " + option + ":", k -> new ArrayList<>())
                      .add(spelling));
    }
    if (byOption.isEmpty()) {
      return List.of();
    }
    List<String> lines =
        new ArrayList<>(List.of("Variants (--method METHOD-VALUE: METHOD with one option set):"));
    lines.addAll(
        table(
            List.copyOf(byOption.keySet()),
            byOption.values().stream().map(v -> String.join(", ", v)).toList()));
    return lines;
  }

  /**
   * Help lines of a registry, one a name: the name padded to the longest, then its description
   * (escaped for picocli's format).
   */
  static List<String> table(List<String> names, List<String> descriptions) {
    int width = names.stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      lines.add(escape(String.format("  %-" + width + "s  %s", names.get(i), descriptions.get(i))));
    }
    return lines;
  }

  /**
   * The method called {@code name} with the values of the method options given to the command,
   * after checking the values of every registered method's options.
   *
   * @throws CommandLine.ParameterException (a usage error) for an unknown method or a bad value,
   *     naming the option as this command spells it
   */
  static MethodSpec spec(CommandSpec spec, String name) {
    OptionValues values = OptionValues.defaults();
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    for (OptionSpec o : spec.options()) {
      if (o.userObject() instanceof MethodOption option && parsed.hasMatchedOption(o)) {
        values = values.with(option, String.valueOf(o.<Object>getValue()));
      }
    }
    try {
      return SelectionMethods.spec(name, values);
    } catch (MethodOption.InvalidValue e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), nameOf(spec, e.option()) + " " + e.problem());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The name under which this command takes the method option called {@code option}. */
  private static String nameOf(CommandSpec spec, String option) {
    for (OptionSpec o : spec.options()) {
      if (o.userObject() instanceof MethodOption m && m.name().equals(option)) {
        return o.longestName();
      }
    }
    return option;
  }

  /** Picocli formats descriptions with {@link String#format}. */
  private static String escape(String text) {
    return text.replace("%", "%%");
  }

  /**
   * The registered methods' names and their variants, for {@code ${COMPLETION-CANDIDATES}} in a
   * description.
   */
  static final class Names extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    Names() {
      super(SelectionMethods.spellings());
    }
  }
}
