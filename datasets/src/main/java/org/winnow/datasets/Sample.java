package org.winnow.datasets;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One entry of a dataset's index.
 *
 * @param id stable unique id: the relative path for folders (e.g. {@code train/cat/001.png}), or
 *     {@code <split>/<index>} for binary formats (e.g. {@code test/17})
 * @param label class index into {@link ImageDataset#classNames()}
 * @param className the class name, {@code classNames().get(label)}
 * @param split the split the sample belongs to
 * @param source where the pixels are: a relative file path, or {@code file#record} for binary
 *     formats
 * @param coarseLabel the CIFAR-100 superclass, empty for other formats
 */
public record Sample(
    String id, int label, String className, Split split, String source, OptionalInt coarseLabel) {

  /** Validates the fields. */
  public Sample {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(coarseLabel, "coarseLabel");
    if (label < 0) {
      throw new IllegalArgumentException("label must be >= 0 for sample " + id + ": " + label);
    }
  }

  /** A sample without a coarse label. */
  public Sample(String id, int label, String className, Split split, String source) {
    this(id, label, className, split, source, OptionalInt.empty());
  }
}
