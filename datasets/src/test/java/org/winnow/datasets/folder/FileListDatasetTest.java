package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

class FileListDatasetTest {

  @TempDir Path dir;

  @Test
  void decodesTheFilesItIsGivenAsTheFolderReaderDoes() {
    SyntheticFolders.writeJpegs(dir, 2, 3, 20, 12, 5);
    FolderDataset folder = FolderDataset.open(dir, OpenOptions.defaults(), Progress.NONE);
    List<Sample> reversed =
        folder.samples().reversed().stream()
            .map(
                s ->
                    new Sample(
                        s.id(),
                        s.label(),
                        s.className(),
                        Split.TRAIN,
                        dir.resolve(s.source()).toString()))
            .toList();
    FileListDataset list =
        new FileListDataset(Path.of("/"), folder.classNames(), reversed, ColorMode.RGB);
    assertEquals(reversed, list.samples(), "in the order given");
    for (int i = 0; i < reversed.size(); i++) {
      Sample s = folder.samples().get(folder.samples().size() - 1 - i);
      assertArrayEquals(folder.decode(s).pixels(), list.decode(reversed.get(i)).pixels());
      assertEquals(folder.shape(s), list.shape(reversed.get(i)));
    }
  }

  @Test
  void aMissingFileIsNamedWithItsSample() {
    Sample gone = new Sample("a/gone.png", 0, "a", Split.TRAIN, "a/gone.png");
    FileListDataset list = new FileListDataset(dir, List.of("a"), List.of(gone), ColorMode.GRAY);
    DatasetException e = assertThrows(DatasetException.class, () -> list.decode(gone));
    assertTrue(
        e.getMessage().startsWith(dir.resolve("a/gone.png") + ": unreadable"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(sample a/gone.png)"), e.getMessage());
  }

  @Test
  void aLabelThatIsNotItsClassIsRefused() {
    Sample s = new Sample("x.png", 1, "a", Split.TRAIN, "x.png");
    assertThrows(
        IllegalArgumentException.class,
        () -> new FileListDataset(dir, List.of("a", "b"), List.of(s), ColorMode.RGB));
    assertThrows(
        IllegalArgumentException.class,
        () -> new FileListDataset(dir, List.of("a"), List.of(s), ColorMode.RGB));
  }
}
