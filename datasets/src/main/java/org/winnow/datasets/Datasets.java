package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.winnow.datasets.cifar.CifarDataset;
import org.winnow.datasets.folder.FolderDataset;
import org.winnow.datasets.idx.IdxDataset;

/** Opens datasets: detects the format of a path and hands it to the matching reader. */
public final class Datasets {

  private Datasets() {}

  /** Opens {@code path} with default options and no progress reporting. */
  public static ImageDataset open(Path path) {
    return open(path, OpenOptions.defaults(), Progress.NONE);
  }

  /**
   * Opens a dataset.
   *
   * @param path the dataset folder (or its parent, when that holds only a CIFAR or IDX folder)
   * @param options format override, bad-image policy and colour mode
   * @param progress receives decoding progress when folder images are verified
   * @throws DatasetException with one line naming the path and the problem
   */
  public static ImageDataset open(Path path, OpenOptions options, Progress progress) {
    Path root = checkedRoot(path);
    DatasetFormat format = options.format().orElse(null);
    if (format == null) {
      Detected d = detect(root);
      root = d.root();
      format = d.format();
    }
    return switch (format) {
      case CIFAR10, CIFAR100 -> CifarDataset.open(root, format);
      case IDX -> IdxDataset.open(root);
      case FOLDER -> FolderDataset.open(root, options, progress);
    };
  }

  /**
   * A detected format and the folder that holds it.
   *
   * @param root the folder the reader should open
   * @param format the format found there
   */
  public record Detected(Path root, DatasetFormat format) {}

  /**
   * Detects the format of a folder.
   *
   * @throws DatasetException if the path is missing or matches no format
   */
  public static Detected detect(Path path) {
    Path root = checkedRoot(path);
    Optional<DatasetFormat> binary = detectBinary(root);
    if (binary.isPresent()) {
      return new Detected(root, binary.get());
    }
    List<Path> dirs = visibleChildren(root).stream().filter(Files::isDirectory).toList();
    // An unpacked archive often leaves its folder one level down, e.g. cifar-10-batches-bin/.
    if (dirs.size() == 1) {
      Optional<DatasetFormat> inner = detectBinary(dirs.getFirst());
      if (inner.isPresent()) {
        return new Detected(dirs.getFirst(), inner.get());
      }
    }
    if (!dirs.isEmpty()) {
      return new Detected(root, DatasetFormat.FOLDER);
    }
    throw new DatasetException(
        root
            + ": matches no supported format (expected CIFAR-10 data_batch_N.bin, CIFAR-100"
            + " train.bin/test.bin, IDX *-images-idx3-ubyte[.gz] files, or class sub-folders)");
  }

  private static Optional<DatasetFormat> detectBinary(Path dir) {
    if (CifarDataset.looksLike(dir, DatasetFormat.CIFAR10)) {
      return Optional.of(DatasetFormat.CIFAR10);
    }
    if (CifarDataset.looksLike(dir, DatasetFormat.CIFAR100)) {
      return Optional.of(DatasetFormat.CIFAR100);
    }
    if (IdxDataset.looksLike(dir)) {
      return Optional.of(DatasetFormat.IDX);
    }
    return Optional.empty();
  }

  private static Path checkedRoot(Path path) {
    if (!Files.exists(path)) {
      throw new DatasetException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      throw new DatasetException(
          path + ": is a file; pass the folder that holds the dataset (--data DIR)");
    }
    if (!Files.isReadable(path)) {
      throw new DatasetException(path + ": folder is not readable");
    }
    return path.toAbsolutePath().normalize();
  }

  /** Children of a folder, hidden ones (dot files) left out, sorted by name. */
  public static List<Path> visibleChildren(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new DatasetException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
    }
  }
}
