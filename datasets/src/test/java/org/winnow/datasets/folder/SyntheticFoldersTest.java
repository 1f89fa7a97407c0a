package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Sample;

class SyntheticFoldersTest {

  @TempDir Path root;

  @Test
  void writesTheRequestedFoldersInDatasetOrder() {
    List<Path> files = SyntheticFolders.writePngs(root, 11, 3, 6, 42);

    FolderDataset ds = TestImages.open(root);

    assertEquals(33, files.size());
    assertEquals(
        files.stream().map(f -> FolderScan.relative(root, f)).toList(),
        ds.samples().stream().map(Sample::id).toList());
    assertEquals("class00/class00_0.png", ds.samples().getFirst().id());
    assertEquals(11, ds.classNames().size());
    assertEquals("class10", ds.classNames().getLast());
  }

  @Test
  void theSameSeedWritesTheSameBytes(@TempDir Path other) throws IOException {
    List<Path> a = SyntheticFolders.writeJpegs(root, 2, 2, 16, 8, 7);
    List<Path> b = SyntheticFolders.writeJpegs(other, 2, 2, 16, 8, 7);
    List<Path> c = SyntheticFolders.writeJpegs(other.resolve("c"), 2, 2, 16, 8, 8);

    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(Files.readAllBytes(a.get(i)), Files.readAllBytes(b.get(i)));
    }
    assertFalse(Arrays.equals(Files.readAllBytes(a.getFirst()), Files.readAllBytes(c.getFirst())));
  }

  @Test
  void rejectsEmptySizes() {
    assertThrows(
        IllegalArgumentException.class, () -> SyntheticFolders.writePngs(root, 0, 1, 1, 1));
  }
}
