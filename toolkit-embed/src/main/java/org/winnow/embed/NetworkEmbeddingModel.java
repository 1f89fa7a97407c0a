package org.winnow.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.Normalization;

/**
 * One of Winnow's networks, seeded or loaded from a checkpoint: the embedding is its trunk's
 * output, which is by construction the input of its final Linear layer.
 */
final class NetworkEmbeddingModel implements EmbeddingModel {

  static final String LAYER =
      "penultimate: flattened global average pooling, the input of the final Linear layer";

  private final NetworkModel model;
  private final String description;
  private final Preprocessing preprocessing;

  NetworkEmbeddingModel(
      NetworkModel model, String description, int imageSize, Normalization normalization) {
    this.model = model;
    this.description = description;
    this.preprocessing =
        new Preprocessing(
            model.network().spec().inputChannels(),
            imageSize,
            normalization.mean(),
            normalization.std());
  }

  /** The network, for callers that also want its logits. */
  Network network() {
    return model.network();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String layer() {
    return LAYER;
  }

  @Override
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  @Override
  public NDManager manager() {
    return model.model().getNDManager();
  }

  @Override
  public NDArray embed(NDManager batchManager, NDArray input) {
    return model.network().embed(new ParameterStore(batchManager, false), input, false);
  }

  @Override
  public void close() {
    model.close();
  }
}
