package org.winnow.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Everything a training run is given, in four parts that each validate their own options: the data,
 * the recipe, the per-batch selector and the run's settings. {@link #defaults} is the stable recipe
 * ({@link Recipe#defaults}) with {@link BatchSelectors#STANDARD} training. Whether files exist and
 * fit the dataset is checked when the run starts.
 *
 * @param data what to train on
 * @param recipe how to train
 * @param selector which samples of each batch are trained on
 * @param run where and how the run executes
 */
public record TrainOptions(TrainData data, Recipe recipe, SelectorSpec selector, RunSettings run) {

  /**
   * Validates what the parts cannot check alone: the selector's options against the batch size.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public TrainOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(run, "run");
    selector.options().checkBatchSize(recipe.batchSize());
  }

  /** The stable recipe for {@code data}, written to {@code out}, on the engine's default device. */
  public static TrainOptions defaults(Path data, Path out) {
    return new TrainOptions(
        TrainData.of(data), Recipe.defaults(), SelectorSpec.standard(), RunSettings.defaults(out));
  }

  /** With the data changed, e.g. {@code withData(d -> d.withKeep(ids))}. */
  public TrainOptions withData(UnaryOperator<TrainData> change) {
    return new TrainOptions(change.apply(data), recipe, selector, run);
  }

  /** With the recipe changed, e.g. {@code withRecipe(r -> r.withEpochs(1))}. */
  public TrainOptions withRecipe(UnaryOperator<Recipe> change) {
    return new TrainOptions(data, change.apply(recipe), selector, run);
  }

  /** With the selector changed, e.g. {@code withSelector(s -> s.withName("saln"))}. */
  public TrainOptions withSelector(UnaryOperator<SelectorSpec> change) {
    return new TrainOptions(data, recipe, change.apply(selector), run);
  }

  /** With the run's settings changed, e.g. {@code withRun(r -> r.withSeed(7))}. */
  public TrainOptions withRun(UnaryOperator<RunSettings> change) {
    return new TrainOptions(data, recipe, selector, change.apply(run));
  }

  /**
   * Every option that changes what the run computes, by name, as text: the manifest's options, and
   * what {@code --resume} compares. The run folder, {@code resume}, {@code workers} and {@code
   * version} are left out: they change nothing in the results.
   */
  public SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>(data.describe());
    m.putAll(recipe.describe());
    m.putAll(selector.describe());
    m.putAll(run.describe());
    return m;
  }
}
