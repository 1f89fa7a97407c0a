package org.winnow.datasets.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;

class Hdf5EmbeddingsTest {

  @TempDir Path dir;

  @Test
  void roundTripsEveryDatasetAndAttribute() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(3, 4, 5, 1, 0.3, 1);
    TreeMap<String, String> attrs = new TreeMap<>(set.attributes());
    attrs.put(EmbeddingsHeader.INDEX_SHA256, "abc123");
    set = new EmbeddingSet("x", set.ids(), set.labels(), set.classNames(), set.vectors(), attrs);
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(file, set);
    EmbeddingSet back = new Hdf5Embeddings(file).read();
    assertEquals(file.toString(), back.source());
    assertEquals(set.ids(), back.ids());
    assertArrayEquals(set.labels(), back.labels());
    assertEquals(set.classNames(), back.classNames());
    for (int i = 0; i < set.size(); i++) {
      assertArrayEquals(set.vectors()[i], back.vectors()[i]);
    }
    assertEquals("abc123", back.attribute(EmbeddingsHeader.INDEX_SHA256).orElseThrow());
    assertEquals("synthetic", back.attribute("dataset_format").orElseThrow());
    assertEquals(back.attributes(), new Hdf5Embeddings(file).attributes(), "attributes alone");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file left");
    }
  }

  @Test
  void readsInSlicesOfWholeRows() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(3, 11, 5, 2, 0.3, 4);
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(file, set);
    // 20 bytes per row: slices of 1 row (any size below a row), 3 rows, and 32 rows (one slice).
    for (long sliceBytes : new long[] {1, 60, 79, 1 << 20}) {
      EmbeddingSet back = new Hdf5Embeddings(file).read(sliceBytes);
      assertEquals(33, back.size());
      for (int i = 0; i < set.size(); i++) {
        assertArrayEquals(set.vectors()[i], back.vectors()[i], "row " + i + ", " + sliceBytes);
      }
    }
  }

  @Test
  void readsWhatH5pyWrites() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3");
    Path file = dir.resolve("py.h5");
    // NumPy's defaults: float64 embeddings, int64 labels; variable-length UTF-8 ids; no names.
    String script =
        String.join(
            "\n",
            "import sys",
            "try:",
            "    import h5py, numpy as np",
            "except ImportError:",
            "    sys.exit(3)",
            "with h5py.File(sys.argv[1], 'w') as f:",
            "    f['embeddings'] = np.array([[1.0, 2.0], [3.0, 4.5], [0.0, -1.0]])",
            "    f['labels'] = np.array([1, 0, 1])",
            "    f.create_dataset('ids', data=['a/é.png', 'b', 'c'], dtype=h5py.string_dtype())",
            "    f.attrs['model'] = 'resnet50'",
            "    f.attrs['count'] = 3",
            // Chunked and compressed, as h5py writes when asked: read in slices across chunks.
            "with h5py.File(sys.argv[2], 'w') as f:",
            "    x = np.arange(150, dtype=np.float32).reshape(50, 3) / 7",
            "    f.create_dataset('embeddings', data=x, chunks=(8, 3), compression='gzip')",
            "    f['labels'] = np.arange(50) % 2",
            "    f['ids'] = np.array([b'r%d' % i for i in range(50)])");
    Path chunked = dir.resolve("chunked.h5");
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, file.toString(), chunked.toString())
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    Assumptions.assumeTrue(p.exitValue() != 3, "skipped: python3 has no h5py");
    assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes()));

    EmbeddingSet set = new Hdf5Embeddings(file).read();
    assertEquals(List.of("a/é.png", "b", "c"), set.ids());
    assertArrayEquals(new int[] {1, 0, 1}, set.labels());
    assertEquals(List.of("0", "1"), set.classNames());
    assertArrayEquals(new float[] {3, 4.5f}, set.vectors()[1]);
    assertEquals("resnet50", set.attribute("model").orElseThrow());
    assertEquals("3", set.attribute("count").orElseThrow());

    for (long sliceBytes : new long[] {12 * 5, 1 << 20}) {
      EmbeddingSet c = new Hdf5Embeddings(chunked).read(sliceBytes);
      assertEquals(50, c.size());
      assertEquals("r49", c.ids().get(49));
      for (int i = 0; i < 50; i++) {
        for (int j = 0; j < 3; j++) {
          assertEquals((float) (3 * i + j) / 7, c.vectors()[i][j], "row " + i + ", " + sliceBytes);
        }
      }
    }
  }

  @Test
  void namesTheFirstBadEmbeddings() throws IOException {
    float[][] v = new float[9][];
    for (int i = 0; i < 9; i++) {
      v[i] = new float[] {1, i};
    }
    v[1] = new float[] {Float.NaN, 0};
    v[2] = new float[] {0, 0};
    v[3] = new float[] {Float.POSITIVE_INFINITY, 1};
    for (int i = 4; i < 8; i++) {
      v[i] = new float[] {0, 0};
    }
    Path file = write(Map.of("embeddings", v), 9);
    DatasetException e =
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(file).read());
    assertEquals(
        file
            + ": 7 embeddings cannot be compared by cosine: s1 (NaN), s2 (zero norm), s3 (Inf),"
            + " s4 (zero norm), s5 (zero norm) and 2 more",
        e.getMessage());
  }

  @Test
  void refusesDisagreeingLengthsDuplicateIdsAndBadLabels() throws IOException {
    float[][] v = {{1, 0}, {0, 1}, {1, 1}};
    Path shortLabels = write(Map.of("embeddings", v, "labels", new int[] {0, 1}), 3);
    assertEquals(
        shortLabels + ": lengths disagree: 3 embeddings, 2 labels, 3 ids",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(shortLabels).read())
            .getMessage());

    Path dup = write(Map.of("embeddings", v, "ids", new String[] {"a", "b", "a"}), 3);
    assertEquals(
        dup + ": duplicate id 'a' (rows 0 and 2)",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(dup).read()).getMessage());

    Path label = write(Map.of("embeddings", v, "labels", new int[] {0, 5, 1}), 3);
    assertEquals(
        label + ": label 5 of 's1' is outside the 2 class names",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(label).read()).getMessage());

    Path flat = write(Map.of("embeddings", new float[] {1, 2, 3}), 3);
    assertTrue(
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(flat).read())
            .getMessage()
            .endsWith("/embeddings must be 2-D [N, D], it has shape [3]"));
  }

  @Test
  void summarizesShapeCountsAndAttributesWithoutTheEmbeddings() throws IOException {
    float[][] v = {{1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 0, 2}, {0, 0, 0}};
    Path file = write(Map.of("embeddings", v, "labels", new int[] {1, 1, 0, 1, 1}), 5);
    EmbeddingSummary s = new Hdf5Embeddings(file).summarize();
    assertEquals(5, s.rows());
    assertEquals(3, s.dimension());
    assertEquals(List.of("cat", "dog"), s.classNames());
    assertArrayEquals(new long[] {1, 4}, s.countsPerClass());
    assertTrue(s.attributes().get("_jHDF").startsWith("jHDF"), s.attributes().toString());
    // A zero row would stop read (no cosine), but inspecting the file still works.
    assertThrows(DatasetException.class, () -> new Hdf5Embeddings(file).read());

    Path label = write(Map.of("embeddings", v, "labels", new int[] {0, 1, 2, 0, 0}), 5);
    assertEquals(
        label + ": label 2 at row 2 is outside the 2 class names",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(label).summarize())
            .getMessage());
    Path flat = write(Map.of("embeddings", new float[] {1, 2, 3}), 3);
    assertTrue(
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(flat).summarize())
            .getMessage()
            .endsWith("/embeddings must be 2-D [N, D], it has shape [3]"));
    Path missing = dir.resolve("missing.h5");
    assertEquals(
        missing + ": no such file",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(missing).summarize())
            .getMessage());
  }

  @Test
  void refusesMissingFilesDatasetsAndNonHdf5() throws IOException {
    Path missing = dir.resolve("missing.h5");
    assertEquals(
        missing + ": no such file",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(missing).read())
            .getMessage());

    Path text = Files.writeString(dir.resolve("text.h5"), "not hdf5");
    assertTrue(
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(text).read())
            .getMessage()
            .startsWith(text + ": cannot read as HDF5"));
    assertEquals(
        missing + ": no such file",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(missing).attributes())
            .getMessage());
    assertTrue(
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(text).attributes())
            .getMessage()
            .startsWith(text + ": cannot read as HDF5"));

    Path noLabels = dir.resolve("nolabels.h5");
    try (WritableHdfFile h5 = HdfFile.write(noLabels)) {
      h5.putDataset("embeddings", new float[][] {{1, 2}});
    }
    assertEquals(
        noLabels
            + ": no /labels dataset (an embeddings file holds /embeddings, /labels, /ids and"
            + " /class_names)",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(noLabels).read())
            .getMessage());
  }

  @Test
  void refusesToWriteAnEmptySet() {
    EmbeddingSet empty =
        new EmbeddingSet("x", List.of(), new int[0], List.of("a"), new float[0][], new TreeMap<>());
    Path file = dir.resolve("empty.h5");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Hdf5EmbeddingsWriter.write(file, empty));
    assertTrue(
        e.getMessage().startsWith(file + ": an empty set cannot be written"), e.getMessage());
    assertFalse(Files.exists(file));
  }

  @Test
  void assemblesPartsInOrderAndRefusesPartsThatDoNotFit() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(2, 5, 3, 1, 0.3, 2);
    java.util.SequencedMap<String, String> attrs = new java.util.LinkedHashMap<>();
    attrs.put("z", "first");
    attrs.put("a", "second");
    List<Path> parts = new java.util.ArrayList<>();
    for (int k = 0; k < 3; k++) {
      int from = 4 * k;
      int to = Math.min(10, from + 4);
      Path part = dir.resolve("part-" + k + ".h5");
      new Hdf5EmbeddingsWriter(
              java.util.Arrays.copyOfRange(set.labels(), from, to),
              set.ids().subList(from, to),
              List.of(),
              attrs)
          .write(part, java.util.Arrays.copyOfRange(set.vectors(), from, to));
      assertEquals(List.of("0", "1"), new Hdf5Embeddings(part).read().classNames());
      parts.add(part);
    }
    Path out = dir.resolve("out.h5");
    new Hdf5EmbeddingsWriter(set.labels(), set.ids(), set.classNames(), attrs).assemble(out, parts);
    EmbeddingSet back = new Hdf5Embeddings(out).read();
    assertEquals(set.ids(), back.ids());
    assertEquals(set.classNames(), back.classNames());
    assertArrayEquals(set.vectors(), back.vectors());
    assertEquals("first", back.attribute("z").orElseThrow());

    Path fewer = dir.resolve("fewer.h5");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                new Hdf5EmbeddingsWriter(set.labels(), set.ids(), set.classNames(), attrs)
                    .assemble(fewer, parts.subList(0, 2)));
    assertEquals(fewer + ": the parts hold 8 rows, expected 10", e.getMessage());
    Path wide = dir.resolve("part-wide.h5");
    new Hdf5EmbeddingsWriter(new int[] {0, 1}, List.of("x", "y"), List.of(), attrs)
        .write(wide, new float[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
    e =
        assertThrows(
            DatasetException.class,
            () ->
                new Hdf5EmbeddingsWriter(set.labels(), set.ids(), set.classNames(), attrs)
                    .assemble(fewer, List.of(parts.get(0), wide, parts.get(2))));
    assertEquals(wide + ": row 0 has 4 values, expected 3", e.getMessage());
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("fewer")), "no file");
    }
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Hdf5EmbeddingsWriter(new int[2], List.of("a"), List.of(), attrs)
                .write(dir.resolve("x.h5"), new float[2][1]));
  }

  @Test
  void refusesAFileWithZeroRowsInOneLine() throws IOException {
    // jHDF cannot write empty datasets; h5py wrote this one (see zero-rows.README)
    Path file = dir.resolve("zero-rows.h5");
    try (var in = Hdf5EmbeddingsTest.class.getResourceAsStream("zero-rows.h5")) {
      Files.copy(in, file);
    }
    DatasetException e =
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(file).read());
    assertEquals(
        file + ": holds no embeddings (0 rows); embed a dataset with at least one sample",
        e.getMessage());
    assertEquals(0, new Hdf5Embeddings(file).summarize().rows(), "inspect shows it as empty");
  }

  @Test
  void refusesWrongTypesInOneLine() throws IOException {
    float[][] rows = {{1, 0}, {0, 1}};
    Path floatLabels = write(Map.of("embeddings", rows, "labels", new float[] {0, 1}), 2);
    assertEquals(
        floatLabels + ": /labels must hold integers",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(floatLabels).read())
            .getMessage());
    Path intIds = write(Map.of("embeddings", rows, "ids", new int[] {0, 1}), 2);
    assertEquals(
        intIds + ": /ids must hold strings",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(intIds).read()).getMessage());
    Path intRows = write(Map.of("embeddings", new int[][] {{1, 0}, {0, 1}}), 2);
    assertEquals(
        intRows + ": /embeddings must hold float32 or float64, not int",
        assertThrows(DatasetException.class, () -> new Hdf5Embeddings(intRows).read())
            .getMessage());
  }

  /** Writes a file with defaults for every dataset not in {@code override}. */
  private Path write(Map<String, Object> override, int n) throws IOException {
    Map<String, Object> data = new TreeMap<>();
    String[] ids = new String[n];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "s" + i;
      labels[i] = i % 2;
    }
    data.put("ids", ids);
    data.put("labels", labels);
    data.put("class_names", new String[] {"cat", "dog"});
    data.putAll(override);
    Path file = Files.createTempFile(dir, "e", ".h5");
    Files.delete(file);
    try (WritableHdfFile h5 = HdfFile.write(file)) {
      data.forEach(h5::putDataset);
    }
    return file;
  }
}
