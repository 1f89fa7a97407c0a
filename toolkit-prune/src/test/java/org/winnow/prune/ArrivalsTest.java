package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

class ArrivalsTest {

  @TempDir Path dir;

  private static final int DIM = 32;

  private Path earlier() throws IOException {
    Path file = dir.resolve("old.h5");
    Hdf5EmbeddingsWriter.write(file, SyntheticEmbeddings.gaussianClusters(3, 40, DIM, 4, 0.3, 1));
    return file;
  }

  private static Pruning.Report prune(Path emb, Selector selector, List<Double> keep, Path out)
      throws IOException {
    return Pruning.run(new Pruning.Request(emb, selector, keep, out, false, "t"), Progress.NONE);
  }

  private static Arrivals.Report against(Path earlier, Path emb, OptionalDouble t, Path out)
      throws IOException {
    return Arrivals.run(new Arrivals.Request(earlier, emb, t, out, false, "t"), Progress.NONE);
  }

  /** Every file under {@code folder} with its bytes, by relative path. */
  private static TreeMap<String, String> snapshot(Path folder) throws IOException {
    TreeMap<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(folder)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(folder.relativize(p).toString(), new String(Files.readAllBytes(p), "ISO-8859-1"));
      }
    }
    return files;
  }

  private static float[] randomUnit(SplittableRandom r) {
    float[] v = new float[DIM];
    double norm = 0;
    double[] d = new double[DIM];
    for (int j = 0; j < DIM; j++) {
      d[j] = r.nextGaussian();
      norm += d[j] * d[j];
    }
    for (int j = 0; j < DIM; j++) {
      v[j] = (float) (d[j] / Math.sqrt(norm));
    }
    return v;
  }

  /**
   * New samples: an exact copy of a kept earlier sample, a novel one, three near-copies of another
   * novel one (one stays), in class 1; {@code extraIds} are appended as novel rows of class 0.
   */
  private Path arrivals(EmbeddingSet old, String keptId, String... extraIds) throws IOException {
    SplittableRandom r = new SplittableRandom(9);
    int keptRow = old.ids().indexOf(keptId);
    List<String> ids = new ArrayList<>(List.of("new/dup", "new/novel", "new/a", "new/b", "new/c"));
    List<float[]> v = new ArrayList<>();
    v.add(old.vectors()[keptRow].clone());
    v.add(randomUnit(r));
    float[] twin = randomUnit(r);
    for (int t = 0; t < 3; t++) {
      float[] x = twin.clone();
      x[t] += 1e-4f;
      v.add(x);
    }
    List<Integer> labels = new ArrayList<>(List.of(1, 1, 1, 1, 1));
    labels.set(0, old.labels()[keptRow]);
    for (String id : extraIds) {
      ids.add(id);
      v.add(randomUnit(r));
      labels.add(0);
    }
    Path file = dir.resolve("new.h5");
    Hdf5EmbeddingsWriter.write(
        file,
        new EmbeddingSet(
            "new.h5",
            ids,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            old.classNames(),
            v.toArray(float[][]::new),
            new TreeMap<>()));
    return file;
  }

  @Test
  void dropsWhatTheEarlierRunKeepsCollapsesNewDuplicatesAndLeavesTheEarlierFolderAlone()
      throws IOException {
    Path oldFile = earlier();
    Path pruned = dir.resolve("pruned");
    prune(oldFile, new SemanticSelector(SemanticSelector.Options.defaults()), List.of(0.5), pruned);
    EmbeddingSet old = org.winnow.datasets.embeddings.EmbeddingSource.of(oldFile).read();
    List<KeepList.Entry> keptBefore = KeepList.read(pruned.resolve("keep.csv"));
    String keptId = keptBefore.get(3).id();
    TreeMap<String, String> before = snapshot(pruned);
    Path emb = arrivals(old, keptId);

    Arrivals.Report report = against(pruned, emb, OptionalDouble.empty(), dir.resolve("out"));

    assertEquals(before, snapshot(pruned), "the earlier folder is byte-identical");
    ArrivalsSummary.Counts all = report.summary().overall();
    assertEquals(5, all.arrivals());
    assertEquals(2, all.kept());
    assertEquals(1, all.redundantWithEarlier());
    assertEquals(2, all.redundantAmongArrivals());
    assertEquals(keptBefore.size() + 2, all.keptInAll());
    // keep.csv: the earlier one unchanged, then the new kept samples in dataset order
    String keep = Files.readString(dir.resolve("out/keep.csv"));
    assertTrue(keep.startsWith(before.get("keep.csv")), keep);
    assertEquals(
        "new/novel,1,class1\nnew/a,1,class1\n", keep.substring(before.get("keep.csv").length()));
    var rows = KeepList.readGroups(dir.resolve("out/groups.csv"));
    assertEquals(
        List.of("new/dup", "new/novel", "new/a", "new/b", "new/c"),
        rows.stream().map(KeepList.GroupRow::id).toList());
    assertEquals(keptId, rows.get(0).representativeId());
    assertEquals(0, rows.get(0).dissimilarity(), 1e-7);
    assertFalse(rows.get(0).kept());
    assertTrue(rows.get(1).kept());
    assertEquals("new/a", rows.get(3).representativeId());
    assertEquals("new/a", rows.get(4).representativeId());
    assertEquals(rows.get(2).group(), rows.get(4).group());
    String groups = Files.readString(dir.resolve("out/groups.csv"));
    assertTrue(groups.contains("new/dup,"), groups);
    assertTrue(
        groups
            .lines()
            .skip(1)
            .map(l -> l.substring(l.lastIndexOf(',') + 1))
            .toList()
            .equals(List.of("earlier", "", "", "arrivals", "arrivals")),
        groups);

    // the thresholds: per class, the largest 1 - cos at which the semantic run removed a sample
    JsonObject summary =
        JsonParser.parseString(Files.readString(dir.resolve("out/summary.json"))).getAsJsonObject();
    assertEquals("against", summary.get("method").getAsString());
    assertEquals(
        "groups.csv", summary.getAsJsonObject("earlier").get("threshold_from").getAsString());
    double[] expected = new double[3];
    for (KeepList.GroupRow g : KeepList.readGroups(pruned.resolve("groups.csv"))) {
      if (!g.kept()) {
        expected[g.label()] = Math.max(expected[g.label()], g.dissimilarity());
      }
    }
    for (int c = 0; c < 3; c++) {
      double t =
          summary.getAsJsonArray("classes").get(c).getAsJsonObject().get("threshold").getAsDouble();
      assertEquals(expected[c], t, 0);
      assertTrue(t > 0.001 && t < 0.5, "class " + c + " threshold " + t);
    }
    String manifest = summary.getAsJsonObject("manifest").toString();
    assertTrue(
        manifest.contains("earlier_embeddings")
            && manifest.contains(org.winnow.datasets.manifest.Sha256.of(oldFile)),
        manifest);
  }

  /**
   * Day 1 pruned, day 2 arrivals against it, day 3 arrivals against day 2's output: day 3 sees the
   * kept samples of both earlier days (from both embeddings files) and cuts at day 2's thresholds.
   */
  @Test
  void aChainOfDaysCarriesTheKeepListAndTheThresholdsOver() throws IOException {
    Path oldFile = earlier();
    Path day1 = dir.resolve("day1");
    prune(oldFile, new SemanticSelector(SemanticSelector.Options.defaults()), List.of(0.5), day1);
    EmbeddingSet old = org.winnow.datasets.embeddings.EmbeddingSource.of(oldFile).read();
    String keptDay1 = KeepList.read(day1.resolve("keep.csv")).get(5).id();
    Path day2Emb = arrivals(old, KeepList.read(day1.resolve("keep.csv")).get(3).id());
    Path day2 = dir.resolve("day2");
    against(day1, day2Emb, OptionalDouble.empty(), day2);
    EmbeddingSet second = org.winnow.datasets.embeddings.EmbeddingSource.of(day2Emb).read();

    // day 3: a copy of a day-1 kept sample, a copy of day 2's kept new/novel, a novel sample
    int novelRow = second.ids().indexOf("new/novel");
    float[] novel = randomUnit(new SplittableRandom(31));
    Path day3Emb = dir.resolve("day3.h5");
    Hdf5EmbeddingsWriter.write(
        day3Emb,
        new EmbeddingSet(
            "day3.h5",
            List.of("day3/copy-of-day1", "day3/copy-of-day2", "day3/novel"),
            new int[] {old.labels()[old.ids().indexOf(keptDay1)], second.labels()[novelRow], 2},
            old.classNames(),
            new float[][] {
              old.vectors()[old.ids().indexOf(keptDay1)].clone(),
              second.vectors()[novelRow].clone(),
              novel
            },
            new TreeMap<>()));
    Path day3 = dir.resolve("day3");
    TreeMap<String, String> day2Files = snapshot(day2);
    Arrivals.Report report = against(day2, day3Emb, OptionalDouble.empty(), day3);

    assertEquals(day2Files, snapshot(day2), "day 2's folder is only read");
    assertEquals(1, report.summary().overall().kept());
    assertEquals(2, report.summary().overall().redundantWithEarlier());
    String keep2 = Files.readString(day2.resolve("keep.csv"));
    String keep3 = Files.readString(day3.resolve("keep.csv"));
    assertTrue(keep3.startsWith(keep2), keep3);
    assertEquals("day3/novel,2,class2\n", keep3.substring(keep2.length()));
    var rows = KeepList.readGroups(day3.resolve("groups.csv"));
    assertEquals(keptDay1, rows.get(0).representativeId());
    assertEquals("new/novel", rows.get(1).representativeId(), "day 2's kept sample is known");
    assertEquals(0, rows.get(1).dissimilarity(), 1e-7);

    JsonObject s2 =
        JsonParser.parseString(Files.readString(day2.resolve("summary.json"))).getAsJsonObject();
    JsonObject s3 =
        JsonParser.parseString(Files.readString(day3.resolve("summary.json"))).getAsJsonObject();
    assertEquals("semantic", s3.getAsJsonObject("earlier").get("method").getAsString());
    assertEquals(
        "earlier --against run", s3.getAsJsonObject("earlier").get("threshold_from").getAsString());
    for (int c = 0; c < 3; c++) {
      assertEquals(
          s2.getAsJsonArray("classes").get(c).getAsJsonObject().get("threshold").getAsDouble(),
          s3.getAsJsonArray("classes").get(c).getAsJsonObject().get("threshold").getAsDouble(),
          0,
          "class " + c);
    }
    assertEquals(
        s2.getAsJsonObject("overall").get("kept_in_all").getAsInt() + 1,
        s3.getAsJsonObject("overall").get("kept_in_all").getAsInt());
    List<String> chain =
        s3.getAsJsonObject("manifest").getAsJsonArray("inputs").asList().stream()
            .map(JsonElement::getAsJsonObject)
            .filter(i -> i.get("role").getAsString().equals("earlier_embeddings"))
            .map(i -> Path.of(i.get("path").getAsString()).getFileName().toString())
            .toList();
    assertEquals(List.of("old.h5", "new.h5"), chain);

    // a fourth day against day 3 reads all three files; an id of day 2 is refused there
    Path day4 = dir.resolve("day4");
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> against(day3, day2Emb, OptionalDouble.empty(), day4));
    assertTrue(e.getMessage().contains("5 ids are already in the earlier run"), e.getMessage());
    // day 2's embeddings changed since: the chain is refused, naming the file
    Hdf5EmbeddingsWriter.write(day2Emb, SyntheticEmbeddings.gaussianClusters(3, 2, DIM, 1, 0.3, 4));
    e =
        assertThrows(
            DatasetException.class, () -> against(day3, day3Emb, OptionalDouble.empty(), day4));
    assertTrue(
        e.getMessage().contains("records the embeddings " + day2Emb.toAbsolutePath().normalize())
            && e.getMessage().contains("which has changed since"),
        e.getMessage());
    assertFalse(Files.exists(day4));
  }

  @Test
  void refusesWithOneLineAndWritesNothing() throws IOException {
    Path oldFile = earlier();
    EmbeddingSet old = org.winnow.datasets.embeddings.EmbeddingSource.of(oldFile).read();
    Path pruned = dir.resolve("pruned");
    prune(oldFile, new SemanticSelector(SemanticSelector.Options.defaults()), List.of(0.5), pruned);
    String keptId = KeepList.read(pruned.resolve("keep.csv")).getFirst().id();
    Path out = dir.resolve("out");

    Path clash = arrivals(old, keptId, "new/x", "train/7", "train/8");
    DatasetException e =
        assertThrows(
            DatasetException.class, () -> against(pruned, clash, OptionalDouble.empty(), out));
    assertTrue(
        e.getMessage().contains("2 ids are already in the earlier run")
            && e.getMessage().contains("train/7, train/8"),
        e.getMessage());

    Path emb = arrivals(old, keptId);
    Path several = dir.resolve("several");
    prune(oldFile, new RandomSelector(3), List.of(0.5, 0.8), several);
    e =
        assertThrows(
            DatasetException.class, () -> against(several, emb, OptionalDouble.empty(), out));
    assertTrue(
        e.getMessage().contains("holds several selections (keep-0.5, keep-0.8)"), e.getMessage());
    e =
        assertThrows(
            DatasetException.class,
            () -> against(several.resolve("keep-0.5"), emb, OptionalDouble.empty(), out));
    assertTrue(
        e.getMessage()
            .contains("method 'random' cuts at no similarity threshold; pass --threshold"),
        e.getMessage());
    against(several.resolve("keep-0.5"), emb, OptionalDouble.of(0.01), dir.resolve("given"));
    assertThrows(
        IllegalArgumentException.class,
        () -> against(pruned, emb, OptionalDouble.empty(), dir.resolve("given")));

    Path moved = dir.resolve("moved.h5");
    Files.move(oldFile, moved);
    e =
        assertThrows(
            DatasetException.class, () -> against(pruned, emb, OptionalDouble.empty(), out));
    assertTrue(
        e.getMessage()
            .endsWith("which is missing; --against needs the earlier run's kept embeddings"),
        e.getMessage());
    Hdf5EmbeddingsWriter.write(
        oldFile, SyntheticEmbeddings.gaussianClusters(3, 40, DIM, 4, 0.3, 2));
    e =
        assertThrows(
            DatasetException.class, () -> against(pruned, emb, OptionalDouble.empty(), out));
    assertTrue(e.getMessage().contains("which has changed since"), e.getMessage());
    Files.move(moved, oldFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    Path other = dir.resolve("other.h5");
    Hdf5EmbeddingsWriter.write(other, SyntheticEmbeddings.gaussianClusters(4, 5, DIM, 1, 0.3, 3));
    e =
        assertThrows(
            DatasetException.class, () -> against(pruned, other, OptionalDouble.empty(), out));
    assertTrue(
        e.getMessage().contains("its classes differ from the earlier run's"), e.getMessage());

    e =
        assertThrows(
            DatasetException.class,
            () -> against(dir.resolve("given"), emb, OptionalDouble.empty(), out));
    // an --against output is an earlier run too (see the chain test); these ids are in it already
    assertTrue(e.getMessage().contains("5 ids are already in the earlier run"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Arrivals.Request(pruned, emb, OptionalDouble.of(2.5), out, false, "t"));
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary left");
    }
  }
}
