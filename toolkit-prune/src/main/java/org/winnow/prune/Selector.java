package org.winnow.prune;

import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * A way to choose the samples to keep. Every selector (semantic clustering, random, SALN) obeys one
 * contract, checked by one shared test: at fraction f each class keeps exactly {@code max(1,
 * round(f · n_c))} of its {@code n_c} samples, so every class stays present; the same seed gives
 * the same selection; kept ids are unique rows of the input. A method whose count is an outcome
 * ({@link SelectionMethod.Count#OUTCOME}, {@code semdedup}) keeps a total as near {@code round(f ·
 * n)} as it can and at least one sample of every non-empty class instead.
 *
 * <p>A selector only stores its options; the work happens in {@link #select} (as scikit-learn's
 * estimators do in {@code fit}). Each selector class declares its {@link SelectionMethod} (name,
 * description, options, factory), and {@link SelectionMethods} registers it.
 */
public interface Selector {

  /**
   * The method's name as the command line spells it, e.g. {@code semantic}: its {@link
   * SelectionMethod#name()}.
   */
  String name();

  /** The options that shape the result, by name, for the manifest. */
  SortedMap<String, String> settings();

  /**
   * The settings the manifest of a run at {@code fractions} records: {@link #settings()}, and for a
   * method whose choice depends on the fraction, what it chose at each (prototype's {@code --prefer
   * auto}).
   */
  default SortedMap<String, String> settings(List<Double> fractions) {
    return settings();
  }

  /** The random seed, empty for deterministic methods. */
  OptionalLong randomSeed();

  /**
   * The similarity thresholds the selector selects at instead of keep fractions ({@code semdedup
   * --epsilon}); empty (the default) for a selector that selects at the fractions it is given. When
   * not empty, {@link #select} takes no fractions and returns one selection per threshold, each
   * with the fraction it kept.
   */
  default List<Double> thresholds() {
    return List.of();
  }

  /**
   * Selects samples at every fraction.
   *
   * @param data the embeddings
   * @param fractions keep fractions, each in (0, 1]
   * @param progress receives one unit per sample processed
   * @return one selection per fraction, in the order given
   */
  default List<Selection> select(EmbeddingSet data, List<Double> fractions, Progress progress) {
    return select(data, fractions, progress, ClassCheckpoint.NONE);
  }

  /**
   * Selects samples at every fraction, restoring the classes {@code checkpoint} holds and saving
   * every class it finishes there, so that a killed run continues where it stopped.
   *
   * @param data the embeddings
   * @param fractions keep fractions, each in (0, 1]
   * @param progress receives one unit per sample processed (restored classes are not counted)
   * @param checkpoint finished classes, or {@link ClassCheckpoint#NONE}
   * @return one selection per fraction, in the order given
   */
  List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint);
}
