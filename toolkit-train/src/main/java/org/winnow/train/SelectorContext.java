package org.winnow.train;

import java.nio.file.Path;

/**
 * What a run offers the selector it builds: its batch size and seed, and the reference inputs of
 * its training rows (row {@code i} is the {@code i}-th sample of the training set).
 */
public interface SelectorContext {

  /** Samples per step. */
  int batchSize();

  /** The run's seed. */
  long seed();

  /**
   * The reference feature of each training row, from an embeddings file of this dataset.
   *
   * @throws TrainingException when the file was made for another dataset or lacks training rows
   */
  float[][] referenceFeatures(Path embeddings);

  /**
   * A reference model's loss on each training row (not augmented), computed once.
   *
   * @throws TrainingException when the model does not fit the dataset
   */
  float[] referenceLosses(Path model);
}
