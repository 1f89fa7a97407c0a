package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.idx.IdxWriter;
import org.winnow.datasets.synthetic.SyntheticBinaries;

class DatasetsTest {

  @TempDir Path dir;

  @Test
  void missingPathIsNamed() {
    Path missing = dir.resolve("nope");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(missing));
    assertEquals(missing + ": no such file or directory", e.getMessage());
  }

  @Test
  void aFileInsteadOfAFolderIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve("data_batch_1.bin"), "x");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(file));
    assertEquals(
        file + ": is a file; pass the folder that holds the dataset (--data DIR)", e.getMessage());
  }

  @Test
  void folderMatchingNoFormatIsNamed() throws IOException {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    DatasetException e = assertThrows(DatasetException.class, () -> Datasets.open(dir));
    assertEquals(
        dir.toAbsolutePath()
            + ": matches no supported format (expected CIFAR-10 data_batch_N.bin, CIFAR-100"
            + " train.bin/test.bin, IDX *-images-idx3-ubyte[.gz] files, or class sub-folders)",
        e.getMessage());
  }

  @Test
  void formatNamesParseAndUnknownOnesListTheChoices() {
    assertEquals(DatasetFormat.CIFAR100, DatasetFormat.parse(" CIFAR100 "));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatasetFormat.parse("tfrecord"));
    assertEquals(
        "unknown dataset format 'tfrecord' (expected one of cifar10, cifar100, idx, folder)",
        e.getMessage());
  }

  @Test
  void indexHashIsStableAndSeesLabelChanges() throws IOException {
    SyntheticBinaries.writeIdx(dir, 20, 5, 4, 4, true, 1);
    String first = IndexHash.of(Datasets.open(dir));
    assertEquals(first, IndexHash.of(Datasets.open(dir)));
    assertEquals(64, first.length());

    byte[] labels = new byte[20];
    labels[3] = 1;
    IdxWriter.writeLabels(dir.resolve("train-labels-idx1-ubyte.gz"), labels);
    assertNotEquals(first, IndexHash.of(Datasets.open(dir)));
  }
}
