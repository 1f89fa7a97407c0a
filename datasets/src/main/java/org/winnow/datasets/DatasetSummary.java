package org.winnow.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link DatasetInspector} found in a dataset.
 *
 * @param root the folder that was read
 * @param format its format
 * @param classNames class names by label
 * @param splits per-split counts, in split order
 * @param sizes image size statistics over every decoded sample
 * @param badFiles files left out or unreadable, in path order
 * @param notes other remarks from the reader
 * @param indexSha256 {@link IndexHash} of the index
 */
public record DatasetSummary(
    Path root,
    DatasetFormat format,
    List<String> classNames,
    List<SplitCounts> splits,
    SizeStats sizes,
    List<BadFile> badFiles,
    List<String> notes,
    String indexSha256) {

  /** Copies the lists. */
  public DatasetSummary {
    classNames = List.copyOf(classNames);
    splits = List.copyOf(splits);
    badFiles = List.copyOf(badFiles);
    notes = List.copyOf(notes);
  }

  /** Samples over all splits. */
  public int total() {
    return splits.stream().mapToInt(SplitCounts::total).sum();
  }

  /**
   * Sample counts of one split.
   *
   * @param split the split
   * @param perClass count per label
   */
  public record SplitCounts(Split split, int[] perClass) {
    /** Samples in the split. */
    public int total() {
      int t = 0;
      for (int c : perClass) {
        t += c;
      }
      return t;
    }
  }

  /**
   * Image size statistics.
   *
   * @param channels channels of the decoded images (1 or 3)
   * @param minWidth smallest width
   * @param maxWidth largest width
   * @param minHeight smallest height
   * @param maxHeight largest height
   * @param commonWidth width of the most frequent size
   * @param commonHeight height of the most frequent size
   * @param commonCount how many images have the most frequent size
   * @param decoded images decoded to gather these
   */
  public record SizeStats(
      int channels,
      int minWidth,
      int maxWidth,
      int minHeight,
      int maxHeight,
      int commonWidth,
      int commonHeight,
      int commonCount,
      int decoded) {

    /** Whether every image has the same size. */
    public boolean uniform() {
      return minWidth == maxWidth && minHeight == maxHeight;
    }
  }
}
