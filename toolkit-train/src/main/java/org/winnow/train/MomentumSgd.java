package org.winnow.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;

/**
 * SGD with momentum and weight decay whose momentum buffers can be saved and restored, which DJL's
 * own optimisers do not allow; that is what lets a resumed run continue exactly. The update is
 * DJL's fused one (PyTorch engine, no autograd):
 *
 * <pre>
 *   v ← momentum · v + lr · (g + weightDecay · w)
 *   w ← w − v
 * </pre>
 *
 * <p>This keeps the learning rate inside the velocity (the MXNet/DJL form); it equals PyTorch's
 * {@code SGD(momentum, weight_decay)} while the rate is constant and differs from it by the rate's
 * change between consecutive steps otherwise. Weight decay applies to every trainable parameter, as
 * PyTorch's default does.
 */
final class MomentumSgd implements AutoCloseable {

  private final List<Parameter> parameters = new ArrayList<>();
  private final List<NDArray> velocity = new ArrayList<>();
  private final NDManager manager;
  private final float momentum;
  private final float weightDecay;

  /** Attaches gradients to every trainable parameter of {@code block}; velocities start at 0. */
  MomentumSgd(Block block, NDManager parent, double momentum, double weightDecay) {
    this.manager = parent.newSubManager();
    this.momentum = (float) momentum;
    this.weightDecay = (float) weightDecay;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter param = p.getValue();
      if (param.requiresGradient()) {
        param.getArray().setRequiresGradient(true);
        parameters.add(param);
        velocity.add(manager.zeros(param.getArray().getShape()));
      }
    }
  }

  /** Applies one update with the gradients of the last backward pass, then zeroes them. */
  void step(double learningRate) {
    for (int i = 0; i < parameters.size(); i++) {
      NDArray w = parameters.get(i).getArray();
      try (NDArray g = w.getGradient()) {
        w.getNDArrayInternal()
            .sgdUpdate(
                new NDList(w, g, velocity.get(i)),
                new NDList(w),
                (float) learningRate,
                weightDecay,
                1f,
                -1f,
                momentum,
                false);
      }
    }
  }

  /** The velocities, in parameter order, as DJL's NDList encoding. */
  byte[] save() {
    return new NDList(velocity).encode();
  }

  /**
   * Restores velocities written by {@link #save}.
   *
   * @throws IllegalArgumentException when they do not fit the parameters
   */
  void load(byte[] encoded) {
    NDList saved = NDList.decode(manager, encoded);
    if (saved.size() != velocity.size()) {
      throw new IllegalArgumentException(
          "optimizer state holds " + saved.size() + " buffers, the network " + velocity.size());
    }
    for (int i = 0; i < saved.size(); i++) {
      NDArray v = saved.get(i).toDevice(velocity.get(i).getDevice(), false);
      if (!v.getShape().equals(velocity.get(i).getShape())) {
        throw new IllegalArgumentException(
            "optimizer buffer "
                + i
                + " has shape "
                + v.getShape()
                + ", expected "
                + velocity.get(i).getShape());
      }
      velocity.get(i).close();
      velocity.set(i, v);
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
