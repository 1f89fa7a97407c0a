package org.winnow.nets;

import ai.djl.nn.SequentialBlock;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The networks Winnow trains and embeds with. Each builds a trunk that ends in global average
 * pooling (the penultimate embedding); {@link Network} adds the classifier head.
 *
 * <ul>
 *   <li>{@link #RESNET18}: ResNet-18 of He, Zhang, Ren and Sun, <i>Deep Residual Learning for Image
 *       Recognition</i> (CVPR 2016), Table 1: basic blocks [2, 2, 2, 2] at 64/128/256/512 channels
 *       with projection shortcuts. Inputs of at most {@value #SMALL_INPUT_MAX_PX} px get the CIFAR
 *       stem (3×3 conv, stride 1, no max-pool), larger ones the ImageNet stem (7×7 conv, stride 2,
 *       then 3×3 max-pool, stride 2). Embedding size 512.
 *   <li>{@link #RESNET32} and {@link #RESNET20}: the CIFAR networks of the same paper, §4.2 (6n+2
 *       layers, n = 5 and 3): a 3×3 stem at 16 channels, then three stages of n basic blocks at
 *       16/32/64 channels, with parameter-free shortcuts (option A). Embedding size 64.
 * </ul>
 */
public enum Architecture {
  /** ResNet-18 (11.17 M parameters with the CIFAR stem, 3 channels and 10 classes). */
  RESNET18("resnet18", 512),
  /** The CIFAR ResNet-32 (0.46 M parameters). */
  RESNET32("resnet32", 64),
  /** The CIFAR ResNet-20 (0.27 M parameters); small enough for CPU tests and the demo. */
  RESNET20("resnet20", 64);

  /**
   * Inputs up to this many pixels wide use ResNet-18's CIFAR stem; larger ones the ImageNet stem.
   */
  public static final int SMALL_INPUT_MAX_PX = 64;

  private final String id;
  private final int embeddingSize;

  Architecture(String id, int embeddingSize) {
    this.id = id;
    this.embeddingSize = embeddingSize;
  }

  /** The name users type and checkpoints record, e.g. {@code resnet18}. */
  public String id() {
    return id;
  }

  /** Length of the penultimate embedding (the trunk's output). */
  public int embeddingSize() {
    return embeddingSize;
  }

  /**
   * The architecture called {@code id} (case-insensitive).
   *
   * @throws IllegalArgumentException with a one-line message listing the known names
   */
  public static Architecture fromId(String id) {
    for (Architecture a : values()) {
      if (a.id.equals(id.toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException(
        "unknown architecture '" + id + "' (known: " + knownIds() + ")");
  }

  /** The known ids, comma-separated, for messages and help texts. */
  public static String knownIds() {
    return Arrays.stream(values()).map(Architecture::id).collect(Collectors.joining(", "));
  }

  /** A fresh, uninitialised trunk for {@code spec}: everything up to the flattened embedding. */
  SequentialBlock trunk(NetworkSpec spec) {
    return switch (this) {
      case RESNET18 -> ResNets.resnet18Trunk(spec.imageSize() <= SMALL_INPUT_MAX_PX);
      case RESNET32 -> ResNets.cifarTrunk(5);
      case RESNET20 -> ResNets.cifarTrunk(3);
    };
  }

  @Override
  public String toString() {
    return id;
  }
}
