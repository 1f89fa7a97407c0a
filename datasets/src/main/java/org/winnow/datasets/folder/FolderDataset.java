package org.winnow.datasets.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.ImageShape;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;

/**
 * An ImageNet-style folder of class sub-folders, opened: the index is built from a scan of the
 * folder tree, and pixels are decoded from the files on demand. The layout, ids, bad-file handling
 * and colour conversion are described in the {@linkplain org.winnow.datasets.folder package
 * documentation}.
 */
public final class FolderDataset implements ImageDataset {

  private static final Comparator<Sample> BY_ID = Comparator.comparing(Sample::id);

  private final Path root;
  private final ColorMode color;
  private final List<String> classNames;
  private final List<Sample> samples;
  private final List<BadFile> badFiles;
  private final List<String> notes;

  private FolderDataset(
      Path root,
      ColorMode color,
      List<String> classNames,
      List<Sample> samples,
      List<BadFile> badFiles,
      List<String> notes) {
    this.root = root;
    this.color = color;
    this.classNames = List.copyOf(classNames);
    this.samples = List.copyOf(samples);
    this.badFiles = List.copyOf(badFiles);
    this.notes = List.copyOf(notes);
  }

  /**
   * Scans a folder, and with {@link OpenOptions#verifyImages()} decodes every image once, in
   * parallel on all cores, reporting a {@code "verify"} stage to {@code progress}.
   *
   * @param root the dataset folder
   * @param options the bad-image policy, colour mode and whether to verify images
   * @param progress receives the verification progress
   * @throws DatasetException under {@link BadImagePolicy#FAIL} naming the first bad file, or when
   *     no image is left
   */
  public static FolderDataset open(Path root, OpenOptions options, Progress progress) {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir + ": not a folder");
    }
    FolderScan scan = FolderScan.of(dir);
    List<ImageFile> images = scan.images();
    List<BadFile> bad = new ArrayList<>(scan.badFiles());
    if (options.verifyImages()) {
      List<BadFile> corrupt = ImageVerifier.verify(dir, images, options.color(), progress);
      if (!corrupt.isEmpty()) {
        Set<String> corruptSources =
            corrupt.stream().map(BadFile::path).collect(Collectors.toSet());
        images = images.stream().filter(f -> !corruptSources.contains(f.source())).toList();
        bad.addAll(corrupt);
        bad.sort(Comparator.comparing(BadFile::path));
      }
    }
    if (!bad.isEmpty() && options.onBadImage() == BadImagePolicy.FAIL) {
      throw failure(dir, bad);
    }
    if (images.isEmpty()) {
      throw new DatasetException(dir + ": no images found in class folders");
    }
    checkUniqueIds(dir, images);

    List<String> classNames =
        images.stream().map(ImageFile::className).distinct().sorted().toList();
    Map<String, Integer> labels = new HashMap<>();
    for (String c : classNames) {
      labels.put(c, labels.size());
    }
    List<Sample> samples =
        images.stream()
            .map(
                f ->
                    new Sample(
                        f.id(), labels.get(f.className()), f.className(), f.split(), f.source()))
            .toList();
    List<String> notes = new ArrayList<>(scan.notes());
    List<String> dropped =
        scan.classFolders().stream().filter(c -> !labels.containsKey(c)).toList();
    if (!dropped.isEmpty()) {
      notes.add("left out classes with no usable image: " + String.join(", ", dropped));
    }
    return new FolderDataset(dir, options.color(), classNames, samples, bad, notes);
  }

  /**
   * The one-line error for {@link BadImagePolicy#FAIL}: the first bad file in path order, and how
   * many there are in all.
   */
  private static DatasetException failure(Path root, List<BadFile> bad) {
    BadFile first = bad.getFirst();
    String tail =
        bad.size() == 1
            ? " (--on-bad-image skip leaves it out)"
            : " (" + bad.size() + " bad files in all; --on-bad-image skip leaves them out)";
    return new DatasetException(root.resolve(first.path()) + ": " + first.problem() + tail);
  }

  /** Two names that differ only in Unicode normalization would give two samples one id. */
  private static void checkUniqueIds(Path root, List<ImageFile> sortedById) {
    for (int i = 1; i < sortedById.size(); i++) {
      ImageFile a = sortedById.get(i - 1);
      ImageFile b = sortedById.get(i);
      if (a.id().equals(b.id())) {
        throw new DatasetException(
            root.resolve(b.source())
                + ": has the same name as "
                + a.source()
                + " once Unicode-normalized (NFC); rename one of them");
      }
    }
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
   * @throws DatasetException naming the file, when it is not a sample of this dataset or cannot be
   *     decoded (with {@code verifyImages} off, truncated files are first found here)
   */
  @Override
  public Image decode(Sample sample) {
    return ImageFileReader.decode(fileOf(sample), color, "");
  }

  /** The shape from the image header alone: no pixels are decoded. */
  @Override
  public ImageShape shape(Sample sample) {
    return ImageFileReader.shape(fileOf(sample), color, "");
  }

  private Path fileOf(Sample sample) {
    int at = Collections.binarySearch(samples, sample, BY_ID);
    if (at < 0 || !samples.get(at).equals(sample)) {
      throw new DatasetException(root + ": no sample with id '" + sample.id() + "'");
    }
    return root.resolve(sample.source());
  }

  @Override
  public List<BadFile> badFiles() {
    return badFiles;
  }

  @Override
  public List<String> notes() {
    return notes;
  }
}
