package org.winnow.datasets.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.winnow.datasets.ClassNames;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.InMemoryImages;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

/**
 * Reader for MNIST-style IDX datasets.
 *
 * <p>The train split is {@code train-images-idx3-ubyte} with {@code train-labels-idx1-ubyte}, the
 * test split {@code t10k-images-idx3-ubyte} with {@code t10k-labels-idx1-ubyte}; each name may also
 * use {@code .idx3-ubyte} and may end in {@code .gz}. Class names come from an optional {@code
 * classes.txt} (one per line), else the label numbers.
 */
public final class IdxDataset {

  private static final Pattern IMAGES =
      Pattern.compile("^(train|t10k)-images[-.]idx3-ubyte(\\.gz)?$");

  private IdxDataset() {}

  /** Whether {@code dir} holds IDX image files. */
  public static boolean looksLike(Path dir) {
    return Datasets.visibleChildren(dir).stream()
        .anyMatch(p -> IMAGES.matcher(p.getFileName().toString()).matches());
  }

  /**
   * Reads both splits into memory.
   *
   * @throws DatasetException naming the file and the problem
   */
  public static InMemoryDataset open(Path root) {
    Map<Split, IdxFile> images = new EnumMap<>(Split.class);
    Map<Split, IdxFile> labels = new EnumMap<>(Split.class);
    Map<Split, String> imageFileNames = new EnumMap<>(Split.class);
    for (Split split : List.of(Split.TRAIN, Split.TEST)) {
      String prefix = split == Split.TRAIN ? "train" : "t10k";
      Optional<Path> img = find(root, prefix + "-images", "idx3-ubyte");
      if (img.isEmpty()) {
        continue;
      }
      Path lbl =
          find(root, prefix + "-labels", "idx1-ubyte")
              .orElseThrow(
                  () ->
                      new DatasetException(
                          img.get()
                              + ": no matching label file "
                              + prefix
                              + "-labels-idx1-ubyte[.gz] next to it"));
      IdxFile im = IdxFile.read(img.get(), 3);
      IdxFile lb = IdxFile.read(lbl, 1);
      if (lb.dims()[0] != im.dims()[0]) {
        throw new DatasetException(
            lbl
                + ": holds "
                + lb.dims()[0]
                + " labels but "
                + img.get().getFileName()
                + " holds "
                + im.dims()[0]
                + " images");
      }
      images.put(split, im);
      labels.put(split, lb);
      imageFileNames.put(split, img.get().getFileName().toString());
    }
    if (images.isEmpty()) {
      throw new DatasetException(
          root
              + ": no IDX image files (train-images-idx3-ubyte[.gz] or t10k-images-idx3-ubyte[.gz])");
    }

    int maxLabel = 0;
    for (IdxFile lb : labels.values()) {
      for (byte b : lb.data()) {
        maxLabel = Math.max(maxLabel, b & 0xFF);
      }
    }
    List<String> notes = new ArrayList<>();
    List<String> names = ClassNames.readOrNumber(root.resolve("classes.txt"), maxLabel + 1, notes);

    List<Sample> samples = new ArrayList<>();
    Map<Split, InMemoryImages> blocks = new EnumMap<>(Split.class);
    for (Map.Entry<Split, IdxFile> e : images.entrySet()) {
      Split split = e.getKey();
      IdxFile im = e.getValue();
      byte[] lb = labels.get(split).data();
      String fileName = imageFileNames.get(split);
      for (int i = 0; i < lb.length; i++) {
        int label = lb[i] & 0xFF;
        samples.add(
            new Sample(split.id() + "/" + i, label, names.get(label), split, fileName + "#" + i));
      }
      blocks.put(split, new InMemoryImages(im.dims()[0], 1, im.dims()[1], im.dims()[2], im.data()));
    }
    return new InMemoryDataset(root, DatasetFormat.IDX, names, samples, blocks, notes);
  }

  private static Optional<Path> find(Path root, String stem, String kind) {
    for (String sep : List.of("-", ".")) {
      for (String ext : List.of("", ".gz")) {
        Path p = root.resolve(stem + sep + kind + ext);
        if (Files.isRegularFile(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
