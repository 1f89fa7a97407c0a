package org.winnow.datasets.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.ImageShape;
import org.winnow.datasets.Sample;

/**
 * Image files named one by one, with their labels, decoded as {@link FolderDataset} decodes them:
 * what a worker holds when it is handed part of an index (rows of a manifest, or samples of a
 * folder scanned elsewhere) instead of a folder to scan. Nothing is listed or verified up front; a
 * missing or corrupt file is found by {@link #decode}, which names it and the sample.
 *
 * @param root the folder relative sources are resolved against
 * @param classNames class names, indexed by label
 * @param samples the samples, in the order given; a sample's {@link Sample#source()} is its file,
 *     absolute or relative to {@code root}
 * @param color the channel layout images are converted to
 */
public record FileListDataset(
    Path root, List<String> classNames, List<Sample> samples, ColorMode color)
    implements ImageDataset {

  /**
   * Validates the samples against the class names and copies the lists.
   *
   * @throws IllegalArgumentException when a sample's label or class name disagrees with {@code
   *     classNames}
   */
  public FileListDataset {
    root = root.toAbsolutePath().normalize();
    classNames = List.copyOf(classNames);
    samples = List.copyOf(samples);
    Objects.requireNonNull(color, "color");
    for (Sample s : samples) {
      if (s.label() >= classNames.size() || !classNames.get(s.label()).equals(s.className())) {
        throw new IllegalArgumentException(
            "sample " + s.id() + ": label " + s.label() + " is not class '" + s.className() + "'");
      }
    }
  }

  @Override
  public DatasetFormat format() {
    return DatasetFormat.FOLDER;
  }

  /**
   * Reads and converts the sample's file. Safe for concurrent calls.
   *
   * @throws org.winnow.datasets.DatasetException naming the file and the sample id when it cannot
   *     be decoded
   */
  @Override
  public Image decode(Sample sample) {
    return ImageFileReader.decode(root.resolve(sample.source()), color, of(sample));
  }

  /** The shape from the image header alone: no pixels are decoded. */
  @Override
  public ImageShape shape(Sample sample) {
    return ImageFileReader.shape(root.resolve(sample.source()), color, of(sample));
  }

  private static String of(Sample sample) {
    return " (sample " + sample.id() + ")";
  }
}
