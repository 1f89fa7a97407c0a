package org.winnow.datasets;

/**
 * A file that was left out of a dataset, or that stopped it from opening.
 *
 * @param path the path relative to the dataset root, with {@code /} separators
 * @param problem what is wrong with it, in a few words (e.g. {@code "zero-byte file"})
 */
public record BadFile(String path, String problem) {
  @Override
  public String toString() {
    return path + ": " + problem;
  }
}
