package org.winnow.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * Assembles the ResNet trunks from DJL blocks. DJL's own {@code ResNetV1} builds bottleneck blocks
 * and an ImageNet stem, which is neither ResNet-18 nor the CIFAR ResNets at 32 px.
 *
 * <p>Every convolution is bias-free, as in the paper and torchvision: the batch norm after it
 * carries the shift.
 */
final class ResNets {

  private ResNets() {}

  /** How a residual unit whose shape changes carries its input across. */
  private enum Shortcut {
    /** 1×1 convolution with the unit's stride, then batch norm (the paper's option B). */
    PROJECTION,
    /**
     * Parameter-free (the paper's option A, used for its CIFAR networks): take every second pixel
     * and pad the new channels with zeros.
     */
    ZERO_PAD
  }

  /** ResNet-18 up to the flattened global-average-pooled embedding (512 wide). */
  static SequentialBlock resnet18Trunk(boolean cifarStem) {
    SequentialBlock trunk = new SequentialBlock();
    if (cifarStem) {
      trunk.add(conv(64, 3, 1)).add(batchNorm()).add(Activation.reluBlock());
    } else {
      trunk
          .add(conv(64, 7, 2))
          .add(batchNorm())
          .add(Activation.reluBlock())
          .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
    }
    addStages(trunk, 64, new int[] {64, 128, 256, 512}, 2, Shortcut.PROJECTION);
    return withGlobalPooling(trunk);
  }

  /** The CIFAR ResNet with {@code 6n + 2} layers up to its flattened embedding (64 wide). */
  static SequentialBlock cifarTrunk(int blocksPerStage) {
    SequentialBlock trunk = new SequentialBlock();
    trunk.add(conv(16, 3, 1)).add(batchNorm()).add(Activation.reluBlock());
    addStages(trunk, 16, new int[] {16, 32, 64}, blocksPerStage, Shortcut.ZERO_PAD);
    return withGlobalPooling(trunk);
  }

  /**
   * Stages of basic blocks; every stage after the first halves the resolution in its first unit.
   */
  private static void addStages(
      SequentialBlock trunk, int inChannels, int[] widths, int blocksPerStage, Shortcut shortcut) {
    int in = inChannels;
    for (int stage = 0; stage < widths.length; stage++) {
      for (int unit = 0; unit < blocksPerStage; unit++) {
        int stride = stage > 0 && unit == 0 ? 2 : 1;
        trunk.add(basicBlock(in, widths[stage], stride, shortcut));
        in = widths[stage];
      }
    }
  }

  private static SequentialBlock withGlobalPooling(SequentialBlock trunk) {
    return trunk.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
  }

  /** Two 3×3 convolutions with a residual connection: relu(F(x) + shortcut(x)). */
  private static Block basicBlock(int in, int out, int stride, Shortcut shortcut) {
    SequentialBlock residual =
        new SequentialBlock()
            .add(conv(out, 3, stride))
            .add(batchNorm())
            .add(Activation.reluBlock())
            .add(conv(out, 3, 1))
            .add(batchNorm());
    Block skip;
    if (stride == 1 && in == out) {
      skip = Blocks.identityBlock();
    } else if (shortcut == Shortcut.PROJECTION) {
      skip =
          new SequentialBlock()
              .add(
                  Conv2d.builder()
                      .setFilters(out)
                      .setKernelShape(new Shape(1, 1))
                      .optStride(new Shape(stride, stride))
                      .optBias(false)
                      .build())
              .add(batchNorm());
    } else {
      skip = zeroPadShortcut(in, out, stride);
    }
    return new SequentialBlock()
        .add(
            new ParallelBlock(
                branches ->
                    new NDList(
                        branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
                List.of(residual, skip)))
        .add(Activation.reluBlock());
  }

  /**
   * Option A: every {@code stride}-th pixel, then as many zero channels again. The CIFAR networks
   * only ever double the width when they halve the resolution, which is all this supports.
   */
  static Block zeroPadShortcut(int in, int out, int stride) {
    if (out != 2 * in) {
      throw new IllegalArgumentException(
          "a zero-pad shortcut doubles the channels; cannot go from " + in + " to " + out);
    }
    String index = ":, :, ::" + stride + ", ::" + stride;
    return new LambdaBlock(
        list -> {
          NDArray x = list.singletonOrThrow().get(index);
          return new NDList(NDArrays.concat(new NDList(x, x.zerosLike()), 1));
        },
        "zeroPadShortcut");
  }

  /** A bias-free square convolution with "same" padding for odd kernels. */
  private static Conv2d conv(int filters, int kernel, int stride) {
    return Conv2d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride))
        .optPadding(new Shape(kernel / 2, kernel / 2))
        .optBias(false)
        .build();
  }

  private static BatchNorm batchNorm() {
    return BatchNorm.builder().build();
  }
}
