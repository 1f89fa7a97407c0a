package org.winnow.prune;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * A chosen method and its option values: everything that decides a selection except the seed, which
 * the job supplies ({@code winnow run}'s seed, a curve trial's seed).
 *
 * <p>{@code name} is the method as the user spelled it: the method's own name, or a variant such as
 * {@code prototype-easy} ({@link SelectionMethods#spec(String)}), which is the method with one
 * option set. The selector this spec creates carries that name, so the spelling is what keep-lists'
 * summaries, manifests, curve tables and reports show.
 *
 * @param name the spelling: the method's name or one of its variants
 * @param method the method
 * @param options the values of its options
 */
public record MethodSpec(String name, SelectionMethod method, OptionValues options) {

  /**
   * Validates the values of the method's options.
   *
   * @throws MethodOption.InvalidValue naming the option whose value is bad
   */
  public MethodSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(options, "options");
    method.create(options, 0);
  }

  /** The method under its own name with these option values. */
  public MethodSpec(SelectionMethod method, OptionValues options) {
    this(method.name(), method, options);
  }

  /** The method with every option at its default. */
  public static MethodSpec defaults(SelectionMethod method) {
    return new MethodSpec(method, OptionValues.defaults());
  }

  /**
   * The method's selector for {@code seed} (ignored by methods that draw nothing), named as this
   * spec is spelled.
   */
  public Selector create(long seed) {
    Selector selector = method.create(options, seed);
    return name.equals(method.name()) ? selector : new Spelled(name, selector);
  }

  /**
   * A variant's selector: the method's selector under the variant's name, which its selections
   * carry too.
   */
  private record Spelled(String name, Selector selector) implements Selector {

    @Override
    public SortedMap<String, String> settings() {
      return selector.settings();
    }

    @Override
    public SortedMap<String, String> settings(List<Double> fractions) {
      return selector.settings(fractions);
    }

    @Override
    public OptionalLong randomSeed() {
      return selector.randomSeed();
    }

    @Override
    public List<Selection> select(
        EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
      return selector.select(data, fractions, progress, checkpoint).stream()
          .map(s -> s.named(name))
          .toList();
    }
  }
}
