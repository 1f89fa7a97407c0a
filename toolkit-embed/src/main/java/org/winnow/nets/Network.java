package org.winnow.nets;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.Pair;

/**
 * A classifier split into a trunk and a head. The trunk maps images to the penultimate embedding
 * (the flattened output of global average pooling); the head is the final {@link Linear} layer that
 * maps embeddings to logits. {@link #block()} is the trunk followed by the head, and both are the
 * very same block objects, so a model trained through {@link #block()} embeds through {@link
 * #trunk()} with no copy: the embedding is, by construction, the input of the classifier.
 *
 * <p>Inputs are float32, channels-first ({@code N × C × S × S}) and already normalised; the network
 * does no preprocessing.
 *
 * <p>Initialisation follows torchvision's ResNets: convolutions are drawn from He et al.'s normal
 * distribution with {@code std = sqrt(2 / fan_out)} (<i>Delving Deep into Rectifiers</i>, ICCV
 * 2015), batch norm starts at scale 1 and shift 0, and the head is uniform in {@code ±1 /
 * sqrt(fan_in)} with zero bias.
 */
public final class Network {

  /**
   * PyTorch draws from one process-wide generator: seeding it and drawing the initial weights must
   * not interleave with another thread doing the same.
   */
  private static final Object GLOBAL_RNG = new Object();

  private final NetworkSpec spec;
  private final SequentialBlock trunk;
  private final Linear head;
  private final SequentialBlock block;

  private Network(NetworkSpec spec) {
    this.spec = spec;
    this.trunk = spec.architecture().trunk(spec);
    this.head = Linear.builder().setUnits(spec.numClasses()).build();
    this.block = new SequentialBlock().add(trunk).add(head);
    block.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.OUT, 2),
        Parameter.Type.WEIGHT);
    head.setInitializer(
        new XavierInitializer(
            XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.IN, 1),
        Parameter.Type.WEIGHT);
  }

  /** A fresh, uninitialised network for {@code spec}. */
  public static Network build(NetworkSpec spec) {
    return new Network(spec);
  }

  /** What this network was built from. */
  public NetworkSpec spec() {
    return spec;
  }

  /** Trunk then head: the block to give a {@link Model} or a trainer. */
  public SequentialBlock block() {
    return block;
  }

  /** Images to penultimate embeddings ({@code N × embeddingSize}); shares its parameters. */
  public SequentialBlock trunk() {
    return trunk;
  }

  /** Embeddings to logits ({@code N × numClasses}); shares its parameters. */
  public Linear head() {
    return head;
  }

  /** Length of the embedding the trunk produces. */
  public int embeddingSize() {
    return spec.architecture().embeddingSize();
  }

  /** The input shape for a batch of {@code batchSize} images. */
  public Shape inputShape(int batchSize) {
    return new Shape(batchSize, spec.inputChannels(), spec.imageSize(), spec.imageSize());
  }

  /**
   * Allocates the parameters on {@code manager}'s device and draws them from {@code seed}: the same
   * seed on the same device gives bit-identical parameters. It reseeds the engine's global
   * generator ({@link ai.djl.engine.Engine#setRandomSeed}, i.e. {@code torch.manual_seed} on every
   * device), which everything drawing random numbers afterwards continues from.
   */
  public void initialize(NDManager manager, int seed) {
    synchronized (GLOBAL_RNG) {
      manager.getEngine().setRandomSeed(seed);
      block.initialize(manager, DataType.FLOAT32, inputShape(1));
    }
  }

  /**
   * Allocates the parameters without touching the random generator, for a network whose parameters
   * are about to be loaded from a file.
   */
  void initializeForLoading(NDManager manager) {
    block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
    block.initialize(manager, DataType.FLOAT32, inputShape(1));
  }

  /** The penultimate embeddings of a batch of images. */
  public NDArray embed(ParameterStore store, NDArray images, boolean training) {
    return trunk.forward(store, new NDList(images), training).singletonOrThrow();
  }

  /** Embeddings and logits of a batch from one pass: the trunk, then the head on its output. */
  public Outputs forward(ParameterStore store, NDArray images, boolean training) {
    NDArray embeddings = embed(store, images, training);
    NDArray logits = head.forward(store, new NDList(embeddings), training).singletonOrThrow();
    return new Outputs(embeddings, logits);
  }

  /**
   * The number of trainable parameters (weights, biases, batch-norm scales and shifts; not the
   * batch-norm running statistics), as PyTorch's {@code sum(p.numel() for p in model.parameters())}
   * counts them. Needs an initialised network.
   */
  public long trainableParameterCount() {
    long count = 0;
    for (Pair<String, Parameter> p : block.getParameters()) {
      Parameter.Type type = p.getValue().getType();
      if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
        count += p.getValue().getArray().getShape().size();
      }
    }
    return count;
  }

  /**
   * The two outputs of one forward pass.
   *
   * @param embeddings {@code N × embeddingSize}, the input of the head
   * @param logits {@code N × numClasses}, the head applied to {@code embeddings}
   */
  public record Outputs(NDArray embeddings, NDArray logits) {}
}
