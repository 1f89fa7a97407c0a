package org.winnow.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.Normalization;

/**
 * One of Winnow's networks, seeded or loaded from a checkpoint: the embedding is its trunk's
 * output, which is by construction the input of its final Linear layer, and the logits are that
 * layer's output on it.
 */
final class NetworkEmbeddingModel implements EmbeddingModel {

  static final String LAYER =
      "penultimate: flattened global average pooling, the input of the final Linear layer";

  private final NetworkModel model;
  private final String description;
  private final Preprocessing preprocessing;
  private final boolean owned;

  NetworkEmbeddingModel(
      NetworkModel model, String description, int imageSize, Normalization normalization) {
    this(model, description, imageSize, normalization, true);
  }

  private NetworkEmbeddingModel(
      NetworkModel model,
      String description,
      int imageSize,
      Normalization normalization,
      boolean owned) {
    this.model = model;
    this.description = description;
    this.preprocessing =
        new Preprocessing(
            model.network().spec().inputChannels(),
            imageSize,
            normalization.mean(),
            normalization.std());
    this.owned = owned;
  }

  /**
   * A view of a model its caller holds, who also makes its inputs: closing the view leaves the
   * model open, and its preprocessing (Winnow's default at the network's size) is not used.
   */
  static NetworkEmbeddingModel borrowed(NetworkModel model) {
    Network network = model.network();
    return new NetworkEmbeddingModel(
        model,
        network.spec().architecture().id(),
        network.spec().imageSize(),
        Normalization.half(network.spec().inputChannels()),
        false);
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
  public boolean hasLogits() {
    return true;
  }

  @Override
  public Network.Outputs classify(NDManager batchManager, NDArray input) {
    return model.network().forward(new ParameterStore(batchManager, false), input, false);
  }

  @Override
  public void close() {
    if (owned) {
      model.close();
    }
  }
}
