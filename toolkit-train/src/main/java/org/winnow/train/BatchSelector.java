package org.winnow.train;

import java.util.List;

/**
 * Chooses which samples of each step's candidates the step learns from. A training epoch cuts the
 * shuffled training set into candidate groups of {@link #candidatesPerStep} and calls {@link
 * #select} once per group, in order. Every implementation is deterministic for the run's seed.
 *
 * <p>A selector is built by its {@link SelectorOptions#create}, and registered by name in {@link
 * BatchSelectors}; {@code BatchSelectorContractTest} checks every registered one.
 */
public interface BatchSelector extends AutoCloseable {

  /** The learner's per-sample loss on the (augmented) candidates; only JEST asks for it. */
  @FunctionalInterface
  interface LearnerLoss {
    /** The current model's loss of each of {@code rows}, forward only. */
    float[] of(int[] rows);
  }

  /** How many candidates a step draws from: the batch size, or JEST's super-batch. */
  int candidatesPerStep();

  /** How many of {@code candidates} candidates a step trains on. */
  int picks(int candidates);

  /**
   * The epoch's candidate groups, before its first step: selectors that do not depend on the
   * learner can start computing ahead here.
   */
  default void plan(int epoch, List<int[]> steps) {}

  /**
   * The rows (a subset of {@code candidates}, {@link #picks} of them, ascending) that step {@code
   * step} of {@code epoch} trains on.
   */
  int[] select(int epoch, int step, int[] candidates, LearnerLoss learner);

  @Override
  default void close() {}
}
