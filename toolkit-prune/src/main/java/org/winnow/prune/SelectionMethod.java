package org.winnow.prune;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An offline selection method as the commands, the report and the manifests know it: its name, what
 * it does, its options and how to build its {@link Selector}. Each selector class declares its
 * method as a constant ({@code SemanticSelector.METHOD}) and {@link SelectionMethods} lists the
 * constants; that list is all that {@code winnow prune}, {@code run} and {@code curve}, their
 * {@code --help} and the HTML report read.
 *
 * @param name the name on the command line and in manifests, e.g. {@code semantic}
 * @param description one line for {@code --help}
 * @param details a paragraph for the report: how the method chose what it kept
 * @param options the options the method reads, each declared once ({@link MethodOption})
 * @param factory builds the selector from option values and a seed
 * @param count whether the method keeps exactly the count a keep fraction asks of each class, or
 *     the count is an outcome of what it finds
 */
public record SelectionMethod(
    String name,
    String description,
    String details,
    List<MethodOption> options,
    Factory factory,
    Count count) {

  /** What a keep fraction f means to a method. */
  public enum Count {
    /** Each class keeps exactly {@code max(1, round(f · n_c))} ({@link ClassQuota}). */
    EXACT,
    /**
     * The method drops what it finds (semdedup's duplicates): the total kept is as near {@code
     * round(f · n)} as the method's threshold allows, and every non-empty class keeps at least one
     * sample.
     */
    OUTCOME
  }

  /** A method that keeps exact per-class counts. */
  public SelectionMethod(
      String name,
      String description,
      String details,
      List<MethodOption> options,
      Factory factory) {
    this(name, description, details, options, factory, Count.EXACT);
  }

  /** Builds a method's selector. */
  @FunctionalInterface
  public interface Factory {

    /**
     * Builds a selector: parses and validates the options the method reads (through its {@code
     * Options} record) and stores them; the work happens in {@link Selector#select}.
     *
     * @param values the option values
     * @param seed the random seed; a method that draws nothing ignores it
     * @throws MethodOption.InvalidValue naming the option whose value is bad
     */
    Selector create(OptionValues values, long seed);
  }

  /** Validates the fields. */
  public SelectionMethod {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(details, "details");
    options = List.copyOf(options);
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(count, "count");
    if (!name.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("a method's name is lower-case words: " + name);
    }
    if (description.isBlank() || description.contains("\n")) {
      throw new IllegalArgumentException(name + ": the description is one line");
    }
    if (new HashSet<>(options.stream().map(MethodOption::name).toList()).size() != options.size()) {
      throw new IllegalArgumentException(name + ": an option is listed twice");
    }
  }

  /** See {@link Factory#create}. */
  public Selector create(OptionValues values, long seed) {
    return factory.create(values, seed);
  }

  /** The selector with every option at its default. */
  public Selector create(long seed) {
    return create(OptionValues.defaults(), seed);
  }

  /** Whether the method draws from its seed with its default options. */
  public boolean isSeeded() {
    return create(0).randomSeed().isPresent();
  }
}
