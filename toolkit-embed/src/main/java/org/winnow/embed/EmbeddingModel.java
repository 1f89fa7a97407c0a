package org.winnow.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.winnow.nets.Network;

/**
 * A loaded model reduced to what an {@link Inference} pass needs: the input it expects and
 * functions from a batch of preprocessed images to their embeddings, and to their logits when the
 * model has a classifier. Closing it frees the model.
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

  /** Whether {@link #classify} gives logits. */
  boolean hasLogits();

  /**
   * The embeddings and the logits of a batch from one forward pass, attached to {@code
   * batchManager}.
   *
   * @throws EmbeddingException when the model has no logits ({@link #hasLogits()} false)
   */
  Network.Outputs classify(NDManager batchManager, NDArray input);

  @Override
  void close();
}
