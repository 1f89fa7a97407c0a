package org.winnow.datasets.idx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.synthetic.SyntheticBinaries;

class IdxSubsetTest {

  @TempDir Path dir;

  @Test
  void drawsBalancedSeededSubsetsThatPointBackToTheirSource() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("full"), 200, 50, 6, 6, true, 3);
    InMemoryDataset full = (InMemoryDataset) Datasets.open(dir.resolve("full"));
    IdxSubset.write(full, 7, 2, 11, dir.resolve("a"), "9.9.9");
    IdxSubset.write(full, 7, 2, 11, dir.resolve("b"), "9.9.9");
    IdxSubset.write(full, 7, 2, 12, dir.resolve("c"), "9.9.9");

    for (String f :
        List.of("train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "source-indices.csv")) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve("a/" + f)), Files.readAllBytes(dir.resolve("b/" + f)), f);
    }
    assertFalse(
        Files.readString(dir.resolve("a/source-indices.csv"))
            .equals(Files.readString(dir.resolve("c/source-indices.csv"))),
        "another seed draws another subset");

    String manifest = Files.readString(dir.resolve("a/manifest.json"));
    assertTrue(manifest.contains("\"tool\": \"winnow datasets subsample\""), manifest);
    assertTrue(manifest.contains("\"version\": \"9.9.9\""), manifest);
    assertTrue(manifest.contains("\"seed\": 11"), manifest);
    assertTrue(manifest.contains("\"train_per_class\": \"7\""), manifest);
    assertTrue(
        manifest.contains(
            "\"sha256\": \""
                + org.winnow.datasets.manifest.Sha256.of(
                    dir.resolve("full/train-images-idx3-ubyte.gz"))),
        manifest);

    ImageDataset sub = Datasets.open(dir.resolve("a"));
    assertEquals(70, sub.samples(Split.TRAIN).size());
    assertEquals(20, sub.samples(Split.TEST).size());
    for (int label = 0; label < 10; label++) {
      int l = label;
      assertEquals(7, sub.samples(Split.TRAIN).stream().filter(s -> s.label() == l).count());
    }
    List<String> rows = Files.readAllLines(dir.resolve("a/source-indices.csv"));
    assertEquals("split,index,source_index", rows.getFirst());
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      Split split = Split.valueOf(f[0].toUpperCase(java.util.Locale.ROOT));
      Sample mine = sub.samples(split).get(Integer.parseInt(f[1]));
      Sample theirs = full.samples(split).get(Integer.parseInt(f[2]));
      assertEquals(theirs.label(), mine.label());
      assertArrayEquals(full.decode(theirs).pixels(), sub.decode(mine).pixels());
    }
  }

  @Test
  void refusesAnExistingOutputAndTooFewSamplesWithoutLeavingTemporaries() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("full"), 20, 10, 4, 4, true, 3);
    InMemoryDataset full = (InMemoryDataset) Datasets.open(dir.resolve("full"));
    Files.createDirectories(dir.resolve("exists"));
    DatasetException e1 =
        assertThrows(
            DatasetException.class,
            () -> IdxSubset.write(full, 1, 1, 1, dir.resolve("exists"), "9.9.9"));
    assertTrue(
        e1.getMessage().endsWith("exists: already exists; choose a new output folder"),
        e1.getMessage());

    DatasetException e2 =
        assertThrows(
            DatasetException.class,
            () -> IdxSubset.write(full, 3, 1, 1, dir.resolve("new"), "9.9.9"));
    assertTrue(
        e2.getMessage().contains("class '0' has 2 train samples, fewer than the 3 asked for"),
        e2.getMessage());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of("exists", "full"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
