package org.winnow.datasets.cifar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.synthetic.SyntheticBinaries;

class CifarDatasetTest {

  @TempDir Path dir;

  @Test
  void cifar10IdsLabelsSourcesAndPixelsFollowTheFiles() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 3, 4, 42);
    ImageDataset ds = Datasets.open(dir);

    assertEquals(DatasetFormat.CIFAR10, ds.format());
    assertEquals(List.of(Split.TRAIN, Split.TEST), ds.splits());
    assertEquals(19, ds.samples().size());
    assertEquals("class0", ds.classNames().getFirst());
    Sample s = ds.samples().get(4);
    assertEquals(new Sample("train/4", 4, "class4", Split.TRAIN, "data_batch_2.bin#1"), s);
    Sample t = ds.samples(Split.TEST).get(3);
    assertEquals(new Sample("test/3", 3, "class3", Split.TEST, "test_batch.bin#3"), t);

    // The record's planes are R, G, B, each 32 rows of 32: the image keeps that CHW order.
    byte[] batch2 = Files.readAllBytes(dir.resolve("data_batch_2.bin"));
    int at = 3073 + 1;
    Image im = ds.decode(s);
    assertEquals(3, im.channels());
    assertEquals(32, im.height());
    assertEquals(32, im.width());
    assertEquals(batch2[at] & 0xFF, im.get(0, 0, 0));
    assertEquals(batch2[at + 1024 + 5 * 32 + 7] & 0xFF, im.get(1, 5, 7));
    assertEquals(batch2[at + 2048 + 31 * 32 + 31] & 0xFF, im.get(2, 31, 31));
  }

  @Test
  void unpackedArchiveOneLevelDownIsFound() throws IOException {
    SyntheticBinaries.writeCifar10(dir.resolve("cifar-10-batches-bin"), 5, 1, 1, 1);
    ImageDataset ds = Datasets.open(dir);
    assertEquals(DatasetFormat.CIFAR10, ds.format());
    assertEquals(dir.resolve("cifar-10-batches-bin").toAbsolutePath(), ds.root());
  }

  @Test
  void withoutMetaFileClassesAreNumbersAndANoteSaysSo() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 2, 2, 1);
    Files.delete(dir.resolve("batches.meta.txt"));
    ImageDataset ds = Datasets.open(dir);
    assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), ds.classNames());
    assertTrue(
        ds.notes().stream().anyMatch(n -> n.contains("batches.meta.txt")), ds.notes()::toString);
  }

  @Test
  void missingBatchesAreNoted() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 2, 2, 2, 1);
    ImageDataset ds = Datasets.open(dir);
    assertEquals(4, ds.samples(Split.TRAIN).size());
    assertTrue(ds.notes().contains("train split has 2 of 5 data batches"), ds.notes()::toString);
  }

  @Test
  void truncatedBatchNamesTheFileAndTheLeftover() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 2, 2, 1);
    Path batch = dir.resolve("data_batch_3.bin");
    byte[] bytes = Files.readAllBytes(batch);
    Files.write(batch, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        batch.toAbsolutePath()
            + ": truncated or not a CIFAR-10 batch (6046 bytes is not a multiple of the 3073-byte"
            + " record; 1 whole records and 2973 bytes left over)",
        e.getMessage());
  }

  @Test
  void emptyBatchIsRefused() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 2, 2, 1);
    Files.write(dir.resolve("test_batch.bin"), new byte[0]);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(e.getMessage().endsWith("test_batch.bin: empty file"), e.getMessage());
  }

  @Test
  void labelOutsideTenClassesIsRefused() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 2, 2, 1);
    Path batch = dir.resolve("data_batch_1.bin");
    byte[] bytes = Files.readAllBytes(batch);
    bytes[3073] = 57;
    Files.write(batch, bytes);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage()
            .endsWith(
                "data_batch_1.bin: record 1 has label 57, outside 0..9 (is this a CIFAR-100 file?)"),
        e.getMessage());
  }

  @Test
  void metaFileWithTooFewNamesIsRefused() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 1, 1, 1);
    Files.writeString(dir.resolve("batches.meta.txt"), "airplane\nautomobile\n\n");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage().endsWith("batches.meta.txt: lists 2 class names but the labels go up to 9"),
        e.getMessage());
  }

  @Test
  void cifar100KeepsFineLabelAndCoarseAttribute() throws IOException {
    SyntheticBinaries.writeCifar100(dir, 150, 20, 9);
    ImageDataset ds = Datasets.open(dir);
    assertEquals(DatasetFormat.CIFAR100, ds.format());
    assertEquals(100, ds.classNames().size());
    Sample s = ds.samples().get(123);
    assertEquals("train/123", s.id());
    assertEquals(23, s.label());
    assertEquals("fine23", s.className());
    assertEquals(OptionalInt.of(3), s.coarseLabel());
    assertEquals("train.bin#123", s.source());
    byte[] train = Files.readAllBytes(dir.resolve("train.bin"));
    assertEquals(train[123 * 3074 + 2 + 1024] & 0xFF, ds.decode(s).get(1, 0, 0));
    assertEquals(20, ds.samples(Split.TEST).size());
  }

  @Test
  void cifar100TruncatedFileIsRefused() throws IOException {
    SyntheticBinaries.writeCifar100(dir, 3, 1, 9);
    Files.write(dir.resolve("test.bin"), new byte[3073]);
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertTrue(
        e.getMessage()
            .contains(
                "test.bin: truncated or not a CIFAR-100 batch (3073 bytes is not a multiple of the 3074-byte record"),
        e.getMessage());
  }

  @Test
  void forcingCifar10OnAnotherFolderSaysWhatIsMissing() throws IOException {
    Files.createDirectories(dir.resolve("cats"));
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                Datasets.open(
                    dir,
                    org.winnow.datasets.OpenOptions.defaults().withFormat(DatasetFormat.CIFAR10),
                    org.winnow.datasets.Progress.NONE));
    assertEquals(
        dir.toAbsolutePath() + ": no CIFAR-10 data_batch_N.bin or test_batch.bin files",
        e.getMessage());
  }
}
