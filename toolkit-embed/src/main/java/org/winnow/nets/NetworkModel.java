package org.winnow.nets;

import ai.djl.Device;
import ai.djl.Model;
import java.util.Objects;

/**
 * A DJL {@link Model} together with the {@link Network} it holds, so callers can reach the trunk
 * and head of the model they train or load. Closing it closes the model and frees its parameters.
 *
 * @param network the network; {@code network.block()} is {@code model.getBlock()}
 * @param model the model owning the parameters
 */
public record NetworkModel(Network network, Model model) implements AutoCloseable {

  /** Checks that the model holds the network's block. */
  public NetworkModel {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(model, "model");
    if (model.getBlock() != network.block()) {
      throw new IllegalArgumentException("the model does not hold this network's block");
    }
  }

  /**
   * A new model on {@code device} holding a freshly built network for {@code spec}, initialised
   * from {@code seed} (see {@link Network#initialize}).
   */
  public static NetworkModel create(NetworkSpec spec, Device device, int seed) {
    OfflineDjl.apply();
    Network network = Network.build(spec);
    Model model = Model.newInstance(spec.architecture().id(), device);
    try {
      model.setBlock(network.block());
      network.initialize(model.getNDManager(), seed);
      return new NetworkModel(network, model);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
