package org.winnow.nets;

import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint records besides the parameters: enough to rebuild the network, name its
 * outputs, and refuse a dataset it was not trained on.
 *
 * @param spec the network's architecture, input and number of classes
 * @param classNames the class of each logit, in label order; as many as {@code spec.numClasses()}
 * @param indexSha256 the {@link org.winnow.datasets.IndexHash} of the training dataset
 * @param normalization how pixels were normalised for the network; checkpoints that do not record
 *     it were trained with {@link Normalization#half}
 */
public record CheckpointInfo(
    NetworkSpec spec, List<String> classNames, String indexSha256, Normalization normalization) {

  /** Validates that the class names fit the head and copies them. */
  public CheckpointInfo {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(indexSha256, "indexSha256");
    Objects.requireNonNull(normalization, "normalization");
    if (normalization.channels() != spec.inputChannels()) {
      throw new IllegalArgumentException(
          "normalization has "
              + normalization.channels()
              + " channels, the network "
              + spec.inputChannels());
    }
    classNames = List.copyOf(classNames);
    if (classNames.size() != spec.numClasses()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for a network with " + spec.numClasses() + " classes");
    }
  }

  /** Info for a network trained with Winnow's fixed normalisation ({@link Normalization#half}). */
  public CheckpointInfo(NetworkSpec spec, List<String> classNames, String indexSha256) {
    this(spec, classNames, indexSha256, Normalization.half(spec.inputChannels()));
  }
}
