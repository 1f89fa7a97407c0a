package org.winnow.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * An opened dataset: an ordered, immutable index of samples and a decoder for their pixels.
 *
 * <p>The index order is the dataset order every later stage uses (embedding rows, keep-lists):
 * sorted relative path for folders, split then record number for binary formats. Implementations
 * are safe for concurrent {@link #decode} calls.
 */
public interface ImageDataset {

  /** The folder the dataset was opened from. */
  Path root();

  /** The detected or forced format. */
  DatasetFormat format();

  /** Class names, indexed by label. */
  List<String> classNames();

  /** Every sample of every split, in dataset order. */
  List<Sample> samples();

  /** The samples of one split, in dataset order; empty if the split is absent. */
  default List<Sample> samples(Split split) {
    return samples().stream().filter(s -> s.split() == split).toList();
  }

  /** The splits that have at least one sample, in enum order. */
  default List<Split> splits() {
    return samples().stream().map(Sample::split).distinct().sorted().toList();
  }

  /**
   * Decodes one sample.
   *
   * @throws DatasetException naming the sample's file when it cannot be decoded
   */
  Image decode(Sample sample);

  /**
   * The shape {@link #decode} gives for a sample. Readers answer from headers or the index where
   * they can; the default decodes.
   *
   * @throws DatasetException naming the sample's file when it cannot be read
   */
  default ImageShape shape(Sample sample) {
    return ImageShape.of(decode(sample));
  }

  /** Files that were left out under {@link BadImagePolicy#SKIP}, in path order. */
  default List<BadFile> badFiles() {
    return List.of();
  }

  /** Other notes a user should see, e.g. ignored files or a missing class-name file. */
  default List<String> notes() {
    return List.of();
  }
}
