package org.winnow.datasets.embeddings;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.DatasetException;

/**
 * What {@code winnow embeddings inspect} shows: the shape, classes and attributes of a set of
 * embeddings, read without its rows, so that it costs the labels' memory, not N × D floats.
 *
 * @param file the file
 * @param rows N
 * @param dimension D
 * @param classNames indexed by label
 * @param countsPerClass rows per label
 * @param attributes the root attributes as text, sorted by name (none for NumPy files)
 */
public record EmbeddingSummary(
    Path file,
    long rows,
    long dimension,
    List<String> classNames,
    long[] countsPerClass,
    SortedMap<String, String> attributes) {

  /** Copies the collections. */
  public EmbeddingSummary {
    classNames = List.copyOf(classNames);
    countsPerClass = countsPerClass.clone();
    attributes = Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
  }

  /**
   * Counts the rows of each class, with the checks every format shares.
   *
   * @throws DatasetException naming {@code file} when the labels and rows disagree in number or a
   *     label names no class
   */
  static EmbeddingSummary count(
      Path file,
      long rows,
      long dimension,
      int[] labels,
      List<String> classNames,
      SortedMap<String, String> attributes) {
    if (labels.length != rows) {
      throw new DatasetException(
          String.format(
              "%s: lengths disagree: %,d embeddings, %,d labels", file, rows, labels.length));
    }
    long[] counts = new long[classNames.size()];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= counts.length) {
        throw new DatasetException(
            String.format(
                "%s: label %d at row %d is outside the %d class names",
                file, labels[i], i, counts.length));
      }
      counts[labels[i]]++;
    }
    return new EmbeddingSummary(file, rows, dimension, classNames, counts, attributes);
  }
}
