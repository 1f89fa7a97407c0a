package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.manifest.Sha256;

class PruningTest {

  @TempDir Path dir;

  private Path embeddings(EmbeddingSet set) throws IOException {
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(file, set);
    return file;
  }

  /**
   * A caller that has just hashed the file passes the hash: the manifest records it as given, so
   * the file is not read a second time for it (here the given value is not the file's, to show it).
   */
  @Test
  void recordsAKnownHashInsteadOfHashingAgain() throws IOException {
    Path file = embeddings(TestSets.uneven(3));
    String given = "ab".repeat(32);
    Pruning.run(
        new Pruning.Request(
            file,
            new RandomSelector(4),
            List.of(0.5),
            dir.resolve("out"),
            false,
            "9.9.9",
            java.util.Optional.of(given)),
        Progress.NONE);
    String summary = Files.readString(dir.resolve("out/summary.json"));
    assertTrue(summary.contains("\"sha256\": \"" + given + "\""), summary);
    assertTrue(!summary.contains(Sha256.of(file)), summary);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Pruning.Request(
                    file,
                    new RandomSelector(4),
                    List.of(0.5),
                    dir.resolve("o2"),
                    false,
                    "9.9.9",
                    java.util.Optional.of("ABC")));
    assertEquals("not a lower-case hex SHA-256: ABC", e.getMessage());
    assertEquals(
        new TreeMap<>(java.util.Map.of("method", "random", "keep", "0.9,1")),
        Pruning.options(new RandomSelector(4), List.of(0.9, 1.0)));
  }

  @Test
  void writesKeepListGroupsAndSummaryForOneFraction() throws IOException {
    EmbeddingSet base = TestSets.uneven(3);
    TreeMap<String, String> attrs = new TreeMap<>(base.attributes());
    attrs.put(EmbeddingsHeader.INDEX_SHA256, "f19b");
    EmbeddingSet set =
        new EmbeddingSet("x", base.ids(), base.labels(), base.classNames(), base.vectors(), attrs);
    Path file = embeddings(set);
    Path out = dir.resolve("out");
    long start = System.nanoTime();
    Pruning.Report report =
        Pruning.run(
            new Pruning.Request(file, new RandomSelector(4), List.of(0.5), out, false, "9.9.9"),
            Progress.NONE);
    double wall = (System.nanoTime() - start) / 1e9;
    assertEquals(List.of(out), report.folders());
    Pruning.Timings t = report.timings();
    assertTrue(t.read() > 0 && t.select() > 0 && t.write() > 0, t.toString());
    assertTrue(t.read() + t.select() + t.write() <= wall, t + " within " + wall + " s");

    List<String> keep = Files.readAllLines(out.resolve("keep.csv"));
    assertEquals("id,label,class_name", keep.getFirst());
    // 40, 12, 1, 25 samples keep 20, 6, 1, 13.
    assertEquals(1 + 20 + 6 + 1 + 13, keep.size());
    List<KeepList.Entry> entries = KeepList.read(out.resolve("keep.csv"));
    List<Integer> rows = entries.stream().map(e -> set.ids().indexOf(e.id())).toList();
    assertEquals(rows.stream().sorted().toList(), rows, "dataset order");
    for (KeepList.Entry e : entries) {
      assertEquals(set.labels()[set.ids().indexOf(e.id())], e.label());
      assertEquals("class" + e.label(), e.className());
    }

    List<String> groups = Files.readAllLines(out.resolve("groups.csv"));
    assertEquals(
        "id,label,group,representative_id,dissimilarity,kept,group_diameter", groups.getFirst());
    assertEquals(1 + set.size(), groups.size());
    long keptRows = groups.stream().filter(l -> l.matches(".*,true,[0-9]+\\.[0-9]{9}")).count();
    assertEquals(40, keptRows);

    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"method\": \"random\""), summary);
    assertTrue(summary.contains("\"n\": 78,\n    \"kept\": 40,\n    \"groups\": 40,"), summary);
    assertTrue(summary.contains("\"sha256\": \"" + Sha256.of(file) + "\""), summary);
    assertTrue(summary.contains("\"index_sha256\": \"f19b\""), summary);
    assertTrue(summary.contains("\"version\": \"9.9.9\""), summary);
    assertTrue(summary.contains("\"seed\": 4"), summary);
    assertTrue(summary.contains("\"class_name\": \"class2\",\n      \"n\": 1,"), summary);
    // the summary's largest group diameter is the largest of groups.csv's column
    double largest =
        groups.stream()
            .skip(1)
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)))
            .max()
            .orElseThrow();
    assertTrue(largest > 0);
    com.google.gson.JsonObject diameter =
        com.google.gson.JsonParser.parseString(summary)
            .getAsJsonObject()
            .getAsJsonObject("group_diameter");
    assertEquals(largest, diameter.get("max").getAsDouble(), 1e-9);
    assertTrue(diameter.get("median").getAsDouble() <= diameter.get("p90").getAsDouble());
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "only e.h5 and out: no temporary folder left");
    }
  }

  @Test
  void oneSubFolderPerFractionAndOverwriteOnlyWhenAsked() throws IOException {
    Path file = embeddings(TestSets.uneven(5));
    Path out = dir.resolve("out");
    Pruning.Request request =
        new Pruning.Request(
            file,
            new SemanticSelector(SemanticSelector.Options.defaults()),
            List.of(0.9, 0.5),
            out,
            false,
            "0");
    Pruning.Report report = Pruning.run(request, Progress.NONE);
    assertEquals(List.of(out.resolve("keep-0.9"), out.resolve("keep-0.5")), report.folders());
    for (Path f : report.folders()) {
      assertTrue(Files.isRegularFile(f.resolve("keep.csv")));
      assertTrue(Files.isRegularFile(f.resolve("groups.csv")));
      assertTrue(Files.isRegularFile(f.resolve("summary.json")));
    }
    assertEquals(71, report.summaries().getFirst().overall().kept()); // 36 + 11 + 1 + 23
    assertTrue(Files.readString(out.resolve("keep-0.5/summary.json")).contains("\"seed\": null"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pruning.run(request, Progress.NONE));
    assertEquals(out + ": already exists (pass --overwrite to replace it)", e.getMessage());

    Pruning.run(
        new Pruning.Request(file, new RandomSelector(1), List.of(0.3), out, true, "0"),
        Progress.NONE);
    assertTrue(Files.notExists(out.resolve("keep-0.9")), "the old output is gone");
    assertTrue(Files.readString(out.resolve("summary.json")).contains("\"method\": \"random\""));
  }

  @Test
  void folderIdsThatCannotBePathsAreRefusedBeforeAnyWork() throws IOException {
    EmbeddingSet base = SyntheticEmbeddings.gaussianClusters(2, 3, 4, 1, 0.2, 1);
    TreeMap<String, String> attrs = new TreeMap<>();
    attrs.put("dataset_format", "folder");
    attrs.put("dataset_path", "/data/pets");
    for (String bad : List.of("", "/etc/passwd", "a/../../b")) {
      java.util.List<String> ids = new java.util.ArrayList<>(base.ids());
      ids.set(4, bad);
      EmbeddingSet set =
          new EmbeddingSet("x", ids, base.labels(), base.classNames(), base.vectors(), attrs);
      Path file = embeddings(set);
      Path out = dir.resolve("out");
      org.winnow.datasets.DatasetException e =
          assertThrows(
              org.winnow.datasets.DatasetException.class,
              () ->
                  Pruning.run(
                      new Pruning.Request(
                          file, new RandomSelector(1), List.of(0.5), out, false, "0"),
                      Progress.NONE));
      assertEquals(file + ": id '" + bad + "' is not a path inside the dataset", e.getMessage());
      assertTrue(!Files.exists(out));
      Files.delete(file);
    }
  }

  @Test
  void folderDatasetsGetAPathColumn() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(2, 3, 4, 1, 0.2, 1);
    TreeMap<String, String> attrs = new TreeMap<>();
    attrs.put("dataset_format", "folder");
    attrs.put("dataset_path", "/data/pets");
    set = new EmbeddingSet("x", set.ids(), set.labels(), set.classNames(), set.vectors(), attrs);
    Path out = dir.resolve("out");
    Pruning.run(
        new Pruning.Request(embeddings(set), new RandomSelector(1), List.of(1.0), out, false, "0"),
        Progress.NONE);
    List<KeepList.Entry> entries = KeepList.read(out.resolve("keep.csv"));
    assertEquals(6, entries.size());
    assertEquals("/data/pets/train/0", entries.getFirst().path().orElseThrow());
  }

  @Test
  void requestsAreValidated() {
    Path p = dir.resolve("x");
    Selector s = new RandomSelector(1);
    assertThrows(
        IllegalArgumentException.class, () -> new Pruning.Request(p, s, List.of(), p, false, "0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pruning.Request(p, s, List.of(0.5, 0.5), p, false, "0"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pruning.Request(p, s, List.of(0.0), p, false, "0"));
    assertEquals("keep-0.9", Pruning.folderName(0.9));
    assertEquals("keep-1", Pruning.folderName(1.0));
  }

  @Test
  void aNativeBlasThatDoesNotLoadIsOneLineWithItsFixAndNoOutput() throws IOException {
    Path file = embeddings(TestSets.uneven(3));
    Path out = dir.resolve("out");
    String before = System.getProperty("smile.lib.blas");
    // The name Smile would open; the check looks it up before Smile is touched.
    System.setProperty("smile.lib.blas", "winnow-no-such-blas");
    try {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Pruning.run(
                      new Pruning.Request(
                          file, new RandomSelector(4), List.of(0.5), out, false, "9.9.9"),
                      Progress.NONE));
      assertTrue(
          e.getMessage().startsWith("native BLAS: libwinnow-no-such-blas.so does not load (not on"),
          e.getMessage());
      assertTrue(e.getMessage().contains("; use WINNOW_BLAS=bundled"), e.getMessage());
      assertEquals(false, Files.exists(out));
    } finally {
      if (before == null) {
        System.clearProperty("smile.lib.blas");
      } else {
        System.setProperty("smile.lib.blas", before);
      }
    }
  }
}
