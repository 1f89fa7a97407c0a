package org.winnow.datasets.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.winnow.datasets.ClassNames;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.InMemoryImages;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

/**
 * Reader for the CIFAR-10 and CIFAR-100 binary versions.
 *
 * <p>CIFAR-10: {@code data_batch_1.bin} to {@code data_batch_5.bin} form the train split in that
 * order, {@code test_batch.bin} the test split, {@code batches.meta.txt} the class names.
 * CIFAR-100: {@code train.bin} and {@code test.bin}; the fine label is the label and the coarse one
 * is kept in {@link Sample#coarseLabel()}; names come from {@code fine_label_names.txt} when
 * present. Without a names file, classes are named by their numbers.
 */
public final class CifarDataset {

  static final int SIDE = 32;
  static final int IMAGE_BYTES = 3 * SIDE * SIDE;
  private static final int CIFAR10_BATCHES = 5;
  private static final int CIFAR10_CLASSES = 10;
  private static final int CIFAR100_CLASSES = 100;
  private static final int CIFAR100_SUPERCLASSES = 20;

  private CifarDataset() {}

  /** Whether {@code dir} holds files of the given CIFAR variant. */
  public static boolean looksLike(Path dir, DatasetFormat variant) {
    return switch (variant) {
      case CIFAR10 ->
          !cifar10Files(dir, Split.TRAIN).isEmpty() || !cifar10Files(dir, Split.TEST).isEmpty();
      case CIFAR100 ->
          Files.isRegularFile(dir.resolve("train.bin"))
              || Files.isRegularFile(dir.resolve("test.bin"));
      default -> false;
    };
  }

  /**
   * Reads every record of every split into memory.
   *
   * @param variant {@link DatasetFormat#CIFAR10} or {@link DatasetFormat#CIFAR100}
   * @throws DatasetException naming the file and the problem
   */
  public static InMemoryDataset open(Path root, DatasetFormat variant) {
    boolean hundred =
        switch (variant) {
          case CIFAR10 -> false;
          case CIFAR100 -> true;
          default -> throw new IllegalArgumentException("not a CIFAR format: " + variant);
        };
    int labelBytes = hundred ? 2 : 1;
    int classes = hundred ? CIFAR100_CLASSES : CIFAR10_CLASSES;
    List<String> notes = new ArrayList<>();
    Map<Split, List<Path>> files = new EnumMap<>(Split.class);
    for (Split split : List.of(Split.TRAIN, Split.TEST)) {
      List<Path> f = hundred ? cifar100Files(root, split) : cifar10Files(root, split);
      if (!f.isEmpty()) {
        files.put(split, f);
      }
    }
    if (files.isEmpty()) {
      throw new DatasetException(
          root
              + ": no "
              + (hundred
                  ? "CIFAR-100 train.bin or test.bin"
                  : "CIFAR-10 data_batch_N.bin or" + " test_batch.bin")
              + " files");
    }
    if (!hundred && files.containsKey(Split.TRAIN)) {
      int found = files.get(Split.TRAIN).size();
      if (found < CIFAR10_BATCHES) {
        notes.add("train split has " + found + " of " + CIFAR10_BATCHES + " data batches");
      }
    }

    Path namesFile = root.resolve(hundred ? "fine_label_names.txt" : "batches.meta.txt");
    List<String> names = ClassNames.readOrNumber(namesFile, classes, notes);

    List<Sample> samples = new ArrayList<>();
    Map<Split, InMemoryImages> images = new EnumMap<>(Split.class);
    for (Map.Entry<Split, List<Path>> e : files.entrySet()) {
      Split split = e.getKey();
      // Sized from the file lengths, then filled one batch at a time: the raw batches are never
      // all in memory at once next to the pixel block.
      long records = 0;
      for (Path f : e.getValue()) {
        records += checkedLength(f, size(f), labelBytes) / (labelBytes + IMAGE_BYTES);
      }
      if (records * IMAGE_BYTES > Integer.MAX_VALUE - 8) {
        throw new DatasetException(root + ": split " + split.id() + " is too large to hold");
      }
      byte[] pixels = new byte[(int) records * IMAGE_BYTES];
      int index = 0;
      for (int fi = 0; fi < e.getValue().size(); fi++) {
        byte[] bytes = readRecords(e.getValue().get(fi), labelBytes);
        String fileName = e.getValue().get(fi).getFileName().toString();
        int recordSize = labelBytes + IMAGE_BYTES;
        for (int r = 0; r * recordSize < bytes.length; r++, index++) {
          int at = r * recordSize;
          int fine = bytes[at + labelBytes - 1] & 0xFF;
          if (fine >= classes) {
            throw new DatasetException(
                e.getValue().get(fi)
                    + ": record "
                    + r
                    + " has label "
                    + fine
                    + ", outside 0.."
                    + (classes - 1)
                    + (hundred ? "" : " (is this a CIFAR-100 file?)"));
          }
          OptionalInt coarse = OptionalInt.empty();
          if (hundred) {
            int c = bytes[at] & 0xFF;
            if (c >= CIFAR100_SUPERCLASSES) {
              throw new DatasetException(
                  e.getValue().get(fi)
                      + ": record "
                      + r
                      + " has coarse label "
                      + c
                      + ", outside 0.."
                      + (CIFAR100_SUPERCLASSES - 1));
            }
            coarse = OptionalInt.of(c);
          }
          System.arraycopy(bytes, at + labelBytes, pixels, index * IMAGE_BYTES, IMAGE_BYTES);
          samples.add(
              new Sample(
                  split.id() + "/" + index,
                  fine,
                  names.get(fine),
                  split,
                  fileName + "#" + r,
                  coarse));
        }
      }
      images.put(split, new InMemoryImages(index, 3, SIDE, SIDE, pixels));
    }
    return new InMemoryDataset(root, variant, names, samples, images, notes);
  }

  private static byte[] readRecords(Path file, int labelBytes) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    checkedLength(file, bytes.length, labelBytes);
    return bytes;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  /** The length itself, when it is a whole, non-zero number of records. */
  private static long checkedLength(Path file, long length, int labelBytes) {
    int recordSize = labelBytes + IMAGE_BYTES;
    if (length == 0) {
      throw new DatasetException(file + ": empty file");
    }
    if (length % recordSize != 0) {
      throw new DatasetException(
          file
              + ": truncated or not a CIFAR-"
              + (labelBytes == 2 ? "100" : "10")
              + " batch ("
              + length
              + " bytes is not a multiple of the "
              + recordSize
              + "-byte record; "
              + length / recordSize
              + " whole records and "
              + length % recordSize
              + " bytes left over)");
    }
    return length;
  }

  private static List<Path> cifar10Files(Path dir, Split split) {
    List<Path> out = new ArrayList<>();
    if (split == Split.TRAIN) {
      for (int i = 1; i <= CIFAR10_BATCHES; i++) {
        Path p = dir.resolve("data_batch_" + i + ".bin");
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } else {
      Path p = dir.resolve("test_batch.bin");
      if (Files.isRegularFile(p)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Path> cifar100Files(Path dir, Split split) {
    Path p = dir.resolve(split == Split.TRAIN ? "train.bin" : "test.bin");
    return Files.isRegularFile(p) ? List.of(p) : List.of();
  }
}
