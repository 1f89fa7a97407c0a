package org.winnow.datasets.folder;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
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
 * <p>A sample's {@link Sample#source()} is the file, absolute or relative to {@link #root()}.
 */
public final class FileListDataset implements ImageDataset {

  private final Path root;
  private final List<String> classNames;
  private final List<Sample> samples;
  private final ColorMode color;

  private FileListDataset(
      Path root, List<String> classNames, List<Sample> samples, ColorMode color) {
    this.root = root;
    this.classNames = List.copyOf(classNames);
    this.samples = List.copyOf(samples);
    this.color = Objects.requireNonNull(color, "color");
  }

  /**
   * The files {@code samples} name, in the order given.
   *
   * @param root the folder relative sources are resolved against
   * @param classNames class names, indexed by label
   * @throws IllegalArgumentException when a sample's label or class name disagrees with {@code
   *     classNames}
   */
  public static FileListDataset of(
      Path root, List<String> classNames, List<Sample> samples, ColorMode color) {
    for (Sample s : samples) {
      if (s.label() >= classNames.size() || !classNames.get(s.label()).equals(s.className())) {
        throw new IllegalArgumentException(
            "sample " + s.id() + ": label " + s.label() + " is not class '" + s.className() + "'");
      }
    }
    return new FileListDataset(root.toAbsolutePath().normalize(), classNames, samples, color);
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public DatasetFormat format() {
    return DatasetFormat.FOLDER;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public List<Sample> samples() {
    return samples;
  }

  /**
   * Reads and converts the sample's file. Safe for concurrent calls.
   *
   * @throws DatasetException naming the file and the sample id when it cannot be decoded
   */
  @Override
  public Image decode(Sample sample) {
    Path file = root.resolve(sample.source());
    try {
      return ImageFileReader.read(file, color);
    } catch (UnusableImageException e) {
      throw new DatasetException(file + ": " + e.getMessage() + " (sample " + sample.id() + ")", e);
    }
  }

  /** The shape from the image header alone: no pixels are decoded. */
  @Override
  public ImageShape shape(Sample sample) {
    Path file = root.resolve(sample.source());
    try {
      int[] size = ImageFileReader.size(file);
      return new ImageShape(color.channels(), size[1], size[0]);
    } catch (UnusableImageException e) {
      throw new DatasetException(file + ": " + e.getMessage() + " (sample " + sample.id() + ")", e);
    }
  }
}
