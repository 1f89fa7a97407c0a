package org.winnow.datasets;

import org.winnow.datasets.manifest.Sha256;

/**
 * The SHA-256 of a dataset's index: class names, then one line {@code id \t label \t split} per
 * sample, in dataset order. Two opens of the same data give the same hash on any machine, so later
 * stages can refuse inputs computed from a different index.
 */
public final class IndexHash {

  private IndexHash() {}

  /** The lower-case hex SHA-256 of the index of {@code dataset}. */
  public static String of(ImageDataset dataset) {
    Sha256 sha = new Sha256();
    for (String name : dataset.classNames()) {
      sha.update("class\t" + name + "\n");
    }
    for (Sample s : dataset.samples()) {
      sha.update(s.id() + "\t" + s.label() + "\t" + s.split().id() + "\n");
    }
    return sha.hex();
  }
}
