package org.winnow.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.synthetic.SyntheticBinaries;

class IdxDatasetTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void readsBothSplitsGzippedOrNot(boolean gzip) throws IOException {
    SyntheticBinaries.writeIdx(dir, 30, 12, 28, 28, gzip, 5);
    ImageDataset ds = Datasets.open(dir);

    assertEquals(DatasetFormat.IDX, ds.format());
    assertEquals(42, ds.samples().size());
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ds.classNames());
    String gz = gzip ? ".gz" : "";
    assertEquals(
        new Sample("test/11", 1, "1", Split.TEST, "t10k-images-idx3-ubyte" + gz + "#11"),
        ds.samples().get(41));

    byte[] raw = raw(dir.resolve("train-images-idx3-ubyte" + gz), gzip);
    Image im = ds.decode(ds.samples().get(7));
    assertEquals(1, im.channels());
    assertEquals(28, im.height());
    assertArrayEquals(Arrays.copyOfRange(raw, 16 + 7 * 784, 16 + 8 * 784), im.pixels());
  }

  @Test
  void classNamesComeFromClassesTxt() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 0, 4, 4, true, 5);
    List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
    Files.write(dir.resolve("classes.txt"), names);
    ImageDataset ds = Datasets.open(dir);
    assertEquals(names, ds.classNames());
    assertEquals("d", ds.samples().get(3).className());
    assertEquals(List.of(Split.TRAIN), ds.splits());
  }

  @Test
  void dottedMnistFileNamesAreAccepted() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, false, 5);
    Files.move(dir.resolve("train-images-idx3-ubyte"), dir.resolve("train-images.idx3-ubyte"));
    Files.move(dir.resolve("train-labels-idx1-ubyte"), dir.resolve("train-labels.idx1-ubyte"));
    assertEquals(20, Datasets.open(dir).samples().size());
  }

  @Test
  void wrongMagicNumberIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, false, 5);
    Path images = dir.resolve("train-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    bytes[3] = 1;
    Files.write(images, bytes);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        images.toAbsolutePath()
            + ": wrong magic number 0x00000801 (expected 0x00000803 for an IDX image file)",
        e.getMessage());
  }

  @Test
  void labelCountThatDisagreesWithImagesIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, true, 5);
    Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
    IdxWriter.writeLabels(labels, new byte[9]);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        labels.toAbsolutePath() + ": holds 9 labels but t10k-images-idx3-ubyte.gz holds 10 images",
        e.getMessage());
  }

  @Test
  void truncatedImageFileIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, false, 5);
    Path images = dir.resolve("t10k-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length - 5));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        images.toAbsolutePath()
            + ": truncated (header says 10x4x4 = 160 bytes of data, file holds 155)",
        e.getMessage());
  }

  @Test
  void truncatedGzipIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 100, 10, 8, 8, true, 5);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, Arrays.copyOf(bytes, bytes.length / 2));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage().startsWith(images.toAbsolutePath() + ": truncated gzip stream"),
        e.getMessage());
  }

  @Test
  void notGzipDespiteTheNameIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, true, 5);
    Path images = dir.resolve("train-images-idx3-ubyte.gz");
    Files.writeString(images, "this is not gzip");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage().startsWith(images.toAbsolutePath() + ": not a valid gzip file"),
        e.getMessage());
  }

  @Test
  void missingLabelFileIsNamed() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, true, 5);
    Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        dir.resolve("train-images-idx3-ubyte.gz").toAbsolutePath()
            + ": no matching label file train-labels-idx1-ubyte[.gz] next to it",
        e.getMessage());
  }

  @Test
  void classesTxtWithDuplicatesIsRefused() throws IOException {
    SyntheticBinaries.writeIdx(dir, 10, 10, 4, 4, true, 5);
    Files.writeString(dir.resolve("classes.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\na\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage().endsWith("classes.txt: class name 'a' appears twice"), e.getMessage());
  }

  private static byte[] raw(Path file, boolean gzip) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    if (!gzip) {
      return bytes;
    }
    try (var in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }
}
