package org.winnow.nets;

import java.util.Objects;

/**
 * What it takes to rebuild a network: the architecture, the input it expects and how many classes
 * it tells apart. Images are square, channels-first, float32 and already normalised.
 *
 * @param architecture the network family
 * @param inputChannels 1 (grayscale, e.g. Fashion-MNIST) or 3 (RGB)
 * @param imageSize the side of the square input in pixels; for ResNet-18 it chooses the stem
 * @param numClasses the width of the classifier head, at least 2
 */
public record NetworkSpec(
    Architecture architecture, int inputChannels, int imageSize, int numClasses) {

  /** Smallest side accepted: the CIFAR networks halve the input twice, ResNet-18 three times. */
  public static final int MIN_IMAGE_SIZE = 8;

  /** Validates the fields. */
  public NetworkSpec {
    Objects.requireNonNull(architecture, "architecture");
    if (inputChannels != 1 && inputChannels != 3) {
      throw new IllegalArgumentException("input channels must be 1 or 3, not " + inputChannels);
    }
    if (imageSize < MIN_IMAGE_SIZE) {
      throw new IllegalArgumentException(
          "image size must be at least " + MIN_IMAGE_SIZE + " px, not " + imageSize);
    }
    if (numClasses < 2) {
      throw new IllegalArgumentException("need at least 2 classes, not " + numClasses);
    }
  }
}
