package org.winnow.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A loaded model reduced to what embedding needs: the input it expects and a function from a batch
 * of preprocessed images to their embeddings. Closing it frees the model.
 */
interface EmbeddingModel extends AutoCloseable {

  /** What the {@code model} attribute records, e.g. {@code resnet20, random initialisation…}. */
  String description();

  /** What the {@code layer} attribute records: which output is the embedding. */
  String layer();

  /** How images must be turned into the model's input. */
  Preprocessing preprocessing();

  /** The manager that owns the model; per-batch managers are made under it. */
  NDManager manager();

  /**
   * The embeddings of a batch, {@code [batch, features]}, attached to {@code batchManager}.
   *
   * @throws EmbeddingException when the model's output is not 2-D
   */
  NDArray embed(NDManager batchManager, NDArray input);

  @Override
  void close();
}
