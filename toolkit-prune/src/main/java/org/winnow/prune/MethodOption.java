package org.winnow.prune;

import java.util.List;
import java.util.Objects;

/**
 * One option of a {@link SelectionMethod}, as the command line spells it: the method declares it
 * once (a constant of its class), its {@code Options} record parses and validates the value, and
 * the command line adds it to every command that takes a {@code --method}. An option several
 * methods read is one constant that each of them lists.
 *
 * @param name the option, e.g. {@code --batch-size}
 * @param label the value's placeholder in {@code --help}, e.g. {@code N}; empty for a flag
 * @param defaultValue the value when the option is not given, as text; {@code false} for a flag
 * @param description what it does, one sentence for {@code --help}
 */
public record MethodOption(String name, String label, String defaultValue, String description) {

  /** Validates the fields. */
  public MethodOption {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    if (!name.matches("--[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("an option's name is --lower-case-words: " + name);
    }
    if (label.isEmpty() && !defaultValue.equals("false")) {
      throw new IllegalArgumentException(name + ": a flag is false unless given");
    }
  }

  /** A flag: {@code true} when given, {@code false} otherwise. */
  public static MethodOption flag(String name, String description) {
    return new MethodOption(name, "", "false", description);
  }

  /**
   * The values the option takes when its label lists them ({@code easy|hard|auto}), in that order;
   * empty for a free value ({@code N}) or a flag.
   */
  public List<String> choices() {
    return label.matches("[a-z]+(\\|[a-z]+)+") ? List.of(label.split("\\|")) : List.of();
  }

  /** Whether the option is a flag, which takes no value. */
  public boolean isFlag() {
    return label.isEmpty();
  }

  /**
   * The error for a bad value of this option.
   *
   * @param problem what is wrong, e.g. {@code must be at least 2, got 1}
   */
  public InvalidValue invalid(String problem) {
    return new InvalidValue(this, problem);
  }

  /**
   * A bad value of a method option. Its message is the option's name and the problem ({@code
   * --batch-size must be at least 2, got 1}); the command line, which may add the option under
   * another name, says the problem after the name the user typed.
   */
  public static final class InvalidValue extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The option's name, kept rather than the option so that the exception stays serializable. */
    private final String option;

    private final String problem;

    InvalidValue(MethodOption option, String problem) {
      super(option.name() + " " + problem);
      this.option = option.name();
      this.problem = problem;
    }

    /** The name of the option whose value is bad. */
    public String option() {
      return option;
    }

    /** What is wrong with the value, without the option's name. */
    public String problem() {
      return problem;
    }
  }
}
