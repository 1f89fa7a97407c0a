package org.winnow.train.nets;

import java.util.List;
import java.util.Objects;

/**
 * What a checkpoint records besides the parameters: enough to rebuild the network, name its
 * outputs, and refuse a dataset it was not trained on.
 *
 * @param spec the network's architecture, input and number of classes
 * @param classNames the class of each logit, in label order; as many as {@code spec.numClasses()}
 * @param indexSha256 the {@link org.winnow.datasets.IndexHash} of the training dataset
 */
public record CheckpointInfo(NetworkSpec spec, List<String> classNames, String indexSha256) {

  /** Validates that the class names fit the head and copies them. */
  public CheckpointInfo {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(indexSha256, "indexSha256");
    classNames = List.copyOf(classNames);
    if (classNames.size() != spec.numClasses()) {
      throw new IllegalArgumentException(
          classNames.size() + " class names for a network with " + spec.numClasses() + " classes");
    }
  }
}
