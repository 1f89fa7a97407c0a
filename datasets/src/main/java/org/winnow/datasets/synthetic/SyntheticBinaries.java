package org.winnow.datasets.synthetic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.winnow.datasets.idx.IdxWriter;

/**
 * Writes random CIFAR-10, CIFAR-100 and IDX files. Labels cycle through the classes ({@code label =
 * index % classes}, CIFAR-100's coarse label is {@code fine % 20}), pixels are uniform random bytes
 * from {@link SplittableRandom} with the given seed.
 */
public final class SyntheticBinaries {

  /** Bytes of one 32x32 RGB CIFAR image. */
  public static final int CIFAR_IMAGE_BYTES = 3 * 32 * 32;

  private SyntheticBinaries() {}

  /**
   * Writes {@code data_batch_1.bin} to {@code data_batch_<batches>.bin} with {@code perBatch}
   * records each, {@code test_batch.bin} with {@code test} records, and {@code batches.meta.txt}
   * naming the classes {@code class0} to {@code class9}.
   */
  public static void writeCifar10(Path dir, int batches, int perBatch, int test, long seed)
      throws IOException {
    Files.createDirectories(dir);
    SplittableRandom rnd = new SplittableRandom(seed);
    int index = 0;
    for (int b = 1; b <= batches; b++) {
      Files.write(
          dir.resolve("data_batch_" + b + ".bin"), cifarRecords(index, perBatch, false, rnd));
      index += perBatch;
    }
    Files.write(dir.resolve("test_batch.bin"), cifarRecords(0, test, false, rnd));
    Files.write(dir.resolve("batches.meta.txt"), names("class", 10), StandardCharsets.UTF_8);
  }

  /**
   * Writes CIFAR-100 {@code train.bin} and {@code test.bin} and {@code fine_label_names.txt}
   * ({@code fine0} to {@code fine99}).
   */
  public static void writeCifar100(Path dir, int train, int test, long seed) throws IOException {
    Files.createDirectories(dir);
    SplittableRandom rnd = new SplittableRandom(seed);
    Files.write(dir.resolve("train.bin"), cifarRecords(0, train, true, rnd));
    Files.write(dir.resolve("test.bin"), cifarRecords(0, test, true, rnd));
    Files.write(dir.resolve("fine_label_names.txt"), names("fine", 100), StandardCharsets.UTF_8);
  }

  /**
   * Writes gzipped (or plain) MNIST-style IDX files for both splits with 10 classes, and no {@code
   * classes.txt}.
   */
  public static void writeIdx(
      Path dir, int train, int test, int rows, int cols, boolean gzip, long seed)
      throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    String gz = gzip ? ".gz" : "";
    for (String prefix : List.of("train", "t10k")) {
      int n = prefix.equals("train") ? train : test;
      byte[] pixels = new byte[n * rows * cols];
      fill(pixels, rnd);
      byte[] labels = new byte[n];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) (i % 10);
      }
      IdxWriter.writeImages(dir.resolve(prefix + "-images-idx3-ubyte" + gz), n, rows, cols, pixels);
      IdxWriter.writeLabels(dir.resolve(prefix + "-labels-idx1-ubyte" + gz), labels);
    }
  }

  private static byte[] cifarRecords(
      int firstIndex, int count, boolean hundred, SplittableRandom rnd) {
    int labelBytes = hundred ? 2 : 1;
    int size = labelBytes + CIFAR_IMAGE_BYTES;
    byte[] out = new byte[count * size];
    byte[] image = new byte[CIFAR_IMAGE_BYTES];
    for (int r = 0; r < count; r++) {
      int i = firstIndex + r;
      if (hundred) {
        int fine = i % 100;
        out[r * size] = (byte) (fine % 20);
        out[r * size + 1] = (byte) fine;
      } else {
        out[r * size] = (byte) (i % 10);
      }
      fill(image, rnd);
      System.arraycopy(image, 0, out, r * size + labelBytes, CIFAR_IMAGE_BYTES);
    }
    return out;
  }

  private static void fill(byte[] bytes, SplittableRandom rnd) {
    for (int i = 0; i < bytes.length; i += 8) {
      long v = rnd.nextLong();
      for (int k = 0; k < 8 && i + k < bytes.length; k++) {
        bytes[i + k] = (byte) (v >>> (8 * k));
      }
    }
  }

  private static List<String> names(String stem, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(stem + i);
    }
    return out;
  }
}
