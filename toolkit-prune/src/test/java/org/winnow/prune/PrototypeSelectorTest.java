package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.PrototypeSelector.Prefer;
import org.winnow.prune.PrototypeSelector.Scope;

class PrototypeSelectorTest {

  @TempDir Path dir;

  /**
   * One class of ten rows {@code (1, s, 0)}, s = ±0.1, ±0.2, ±0.5, ±1, ±2 in that order: the pairs
   * cancel, so the class's one prototype is exactly the first axis and difficulty grows with |s|.
   */
  static EmbeddingSet planted() {
    double[] s = {0.1, -0.1, 0.2, -0.2, 0.5, -0.5, 1, -1, 2, -2};
    float[][] v = new float[s.length][];
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < s.length; i++) {
      v[i] = new float[] {1, (float) s[i], 0};
      ids.add("p" + i);
    }
    return new EmbeddingSet("planted", ids, new int[s.length], List.of("only"), v, new TreeMap<>());
  }

  private static int[] kept(Prefer prefer, Scope scope, double fraction) {
    return new PrototypeSelector(new PrototypeSelector.Options(1, scope, prefer, 7))
        .select(planted(), List.of(fraction), Progress.NONE)
        .getFirst()
        .keptRows();
  }

  @Test
  void easyKeepsTheSamplesNearestThePrototypeAndHardTheFarthest() {
    for (Scope scope : Scope.values()) {
      assertArrayEquals(new int[] {0, 1, 2, 3}, kept(Prefer.EASY, scope, 0.4), scope.name());
      assertArrayEquals(new int[] {6, 7, 8, 9}, kept(Prefer.HARD, scope, 0.4), scope.name());
    }
  }

  @Test
  void autoSwitchesFromEasyToHardAtTheThreshold() {
    assertEquals(0.5, PrototypeSelector.AUTO_THRESHOLD);
    assertEquals(Prefer.EASY, Prefer.AUTO.at(0.4999));
    assertEquals(Prefer.HARD, Prefer.AUTO.at(0.5));
    assertEquals(Prefer.EASY, Prefer.EASY.at(0.9));
    assertEquals(Prefer.HARD, Prefer.HARD.at(0.1));
    assertArrayEquals(new int[] {0, 1, 2, 3}, kept(Prefer.AUTO, Scope.CLASS, 0.4));
    // 0.5 keeps five: the four hardest and, of the tied ±0.5, the earlier row.
    assertArrayEquals(new int[] {4, 6, 7, 8, 9}, kept(Prefer.AUTO, Scope.CLASS, 0.5));
    TreeMap<String, String> settings =
        new TreeMap<>(PrototypeSelector.METHOD.create(OptionValues.defaults(), 1).settings());
    assertEquals("auto", settings.get("prefer"));
    assertEquals("hard at keep >= 0.5, easy below", settings.get("prefer_auto"));
  }

  @Test
  void optionsAreParsedAndBadValuesNamed() {
    OptionValues values =
        OptionValues.defaults()
            .with(KMeansOptions.CLUSTERS, "4")
            .with(PrototypeSelector.SCOPE, "global")
            .with(KMeansOptions.PREFER, "HARD");
    assertEquals(
        new PrototypeSelector(new PrototypeSelector.Options(4, Scope.GLOBAL, Prefer.HARD, 3)),
        PrototypeSelector.METHOD.create(values, 3));
    assertEquals(
        "--clusters must be at least 1, got 0",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    PrototypeSelector.METHOD.create(
                        OptionValues.defaults().with(KMeansOptions.CLUSTERS, "0"), 1))
            .getMessage());
    assertEquals(
        "--prefer must be one of easy|hard|auto, got 'x'",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    PrototypeSelector.METHOD.create(
                        OptionValues.defaults().with(KMeansOptions.PREFER, "x"), 1))
            .getMessage());
    assertEquals(
        "--scope must be one of class|global, got 'x'",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    PrototypeSelector.METHOD.create(
                        OptionValues.defaults().with(PrototypeSelector.SCOPE, "x"), 1))
            .getMessage());
  }

  @Test
  void severalClustersDrawFromTheSeedAndKeepExactCounts() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(3, 60, 8, 4, 0.5, 2);
    for (Scope scope : Scope.values()) {
      PrototypeSelector s =
          new PrototypeSelector(new PrototypeSelector.Options(3, scope, Prefer.EASY, 5));
      assertEquals(5, s.randomSeed().orElseThrow());
      Selection a = s.select(data, List.of(0.3), Progress.NONE).getFirst();
      Selection b = s.select(data, List.of(0.3), Progress.NONE).getFirst();
      assertArrayEquals(a.keptRows(), b.keptRows());
      int[] perClass = new int[3];
      for (int row : a.keptRows()) {
        perClass[data.labels()[row]]++;
      }
      assertArrayEquals(new int[] {18, 18, 18}, perClass, scope.name());
    }
  }

  /**
   * groups.csv for prototype: the group is the cluster, the dissimilarity the difficulty (kept
   * samples too), the representative the most similar kept sample of the class.
   */
  @Test
  void groupsAreClustersAndDissimilarityIsTheDifficulty() {
    Selection s = selection(new PrototypeSelector.Options(1, Scope.CLASS, Prefer.EASY, 7), 0.4);
    assertEquals(Selection.Kind.CLUSTER_DIFFICULTY, s.kind());
    double[] slope = {0.1, -0.1, 0.2, -0.2, 0.5, -0.5, 1, -1, 2, -2};
    for (int i = 0; i < slope.length; i++) {
      // cos((1, s, 0), (1, 0, 0)) = 1 / sqrt(1 + s^2)
      assertEquals(1 - 1 / Math.sqrt(1 + slope[i] * slope[i]), s.dissimilarity()[i], 1e-6);
      assertEquals(0, s.group()[i]);
    }
    // Kept: rows 0-3. Row 4 (s = 0.5) is nearest row 2 (s = 0.2), row 5 nearest row 3.
    assertArrayEquals(new int[] {0, 1, 2, 3, 2, 3, 2, 3, 2, 3}, s.representative());
  }

  @Test
  void clustersAreNumberedAcrossClassesPerClassAndSharedGlobally() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(3, 60, 8, 4, 0.5, 2);
    Selection perClass =
        new PrototypeSelector(new PrototypeSelector.Options(3, Scope.CLASS, Prefer.HARD, 5))
            .select(data, List.of(0.5), Progress.NONE)
            .getFirst();
    Selection global =
        new PrototypeSelector(new PrototypeSelector.Options(4, Scope.GLOBAL, Prefer.HARD, 5))
            .select(data, List.of(0.5), Progress.NONE)
            .getFirst();
    java.util.Set<Integer> all = new java.util.HashSet<>();
    for (int c = 0; c < 3; c++) {
      java.util.Set<Integer> mine = new java.util.TreeSet<>();
      for (int row : data.members()[c]) {
        mine.add(perClass.group()[row]);
        assertTrue(global.group()[row] >= 0 && global.group()[row] < 4);
      }
      assertTrue(mine.size() >= 2, "class " + c + ": " + mine);
      for (int g : mine) {
        assertTrue(g >= 3 * c && g < 3 * c + 3, "class " + c + " has its own numbers: " + mine);
        all.add(g);
      }
    }
    assertTrue(all.size() >= 6);
    // Global clusters are shared: some cluster holds samples of two classes or more.
    java.util.Map<Integer, java.util.Set<Integer>> classesOf = new java.util.HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      classesOf
          .computeIfAbsent(global.group()[i], k -> new java.util.HashSet<>())
          .add(data.labels()[i]);
    }
    assertTrue(classesOf.values().stream().anyMatch(c -> c.size() > 1), classesOf.toString());
  }

  /**
   * summary.json holds the difficulty histogram, the same bins at every fraction, and the manifest
   * what {@code auto} chose at each fraction; groups.csv has the difficulties.
   */
  @Test
  void summaryHasTheDifficultyHistogramAndTheManifestWhatAutoChose() throws Exception {
    Path file = dir.resolve("e.h5");
    org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter.write(file, planted());
    Path out = dir.resolve("out");
    Pruning.run(
        new Pruning.Request(
            file, PrototypeSelector.METHOD.create(1), List.of(0.8, 0.3), out, false, "t"),
        Progress.NONE);
    double max = 1 - 1 / Math.sqrt(5);
    for (String f : List.of("keep-0.8", "keep-0.3")) {
      com.google.gson.JsonObject json =
          com.google.gson.JsonParser.parseString(
                  java.nio.file.Files.readString(out.resolve(f).resolve("summary.json")))
              .getAsJsonObject();
      com.google.gson.JsonObject h = json.getAsJsonObject("difficulty_histogram");
      assertEquals(20, h.get("bins").getAsInt());
      assertEquals(max, h.get("max").getAsDouble(), 1e-6);
      assertEquals(21, h.getAsJsonArray("edges").size());
      int[] kept = ints(h.getAsJsonArray("kept"));
      int[] removed = ints(h.getAsJsonArray("removed"));
      // Difficulties 1 - 1/sqrt(1 + s^2) over max, two rows each: 0.009 and 0.035 (s = 0.1,
      // 0.2), 0.191, 0.530 and 1 fall in bins 0, 0, 3, 10 and 19.
      int[] all = new int[20];
      all[0] = 4;
      all[3] = 2;
      all[10] = 2;
      all[19] = 2;
      int[] sum = new int[20];
      Arrays.setAll(sum, b -> kept[b] + removed[b]);
      assertArrayEquals(all, sum, f);
      assertEquals(f.equals("keep-0.8") ? 8 : 3, Arrays.stream(kept).sum());
      // auto: hard at 0.8 keeps the two hardest bins whole, easy at 0.3 keeps bin 0 only.
      assertEquals(f.equals("keep-0.8") ? 2 : 0, kept[19]);
      assertEquals(f.equals("keep-0.8") ? 2 : 3, kept[0]);
      String chosen =
          json.getAsJsonObject("manifest")
              .getAsJsonObject("options")
              .get("prefer_chosen")
              .getAsString();
      assertEquals("0.8=hard,0.3=easy", chosen);
    }
    List<KeepList.GroupRow> rows = KeepList.readGroups(out.resolve("keep-0.8/groups.csv"));
    assertEquals(max, rows.get(8).dissimilarity(), 1e-6);
    assertTrue(rows.get(8).kept());
    // Other methods' summaries have no histogram.
    Pruning.run(
        new Pruning.Request(
            file, new RandomSelector(1), List.of(0.5), dir.resolve("r"), false, "t"),
        Progress.NONE);
    assertFalse(
        java.nio.file.Files.readString(dir.resolve("r/summary.json")).contains("difficulty"));
  }

  private static int[] ints(com.google.gson.JsonArray a) {
    int[] v = new int[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = a.get(i).getAsInt();
    }
    return v;
  }

  private static Selection selection(PrototypeSelector.Options options, double fraction) {
    return new PrototypeSelector(options)
        .select(planted(), List.of(fraction), Progress.NONE)
        .getFirst();
  }

  /**
   * The difficulty and both rankings equal a NumPy implementation's ({@code /usr/bin/python3}) on
   * the same rows and centroids: {@code 1 - max(X @ C.T)} and a stable argsort.
   */
  @Test
  void rankingEqualsNumpys() throws Exception {
    PythonReference.requirePython();
    int dim = 24;
    double[][] unit = NearestNeighboursTest.rows(500, dim, 6, 31);
    double[][] centroids =
        SphericalKMeans.fit(unit, new SphericalKMeans.Options(6, 50, 4)).centroids();
    PythonReference.writeF64(dir.resolve("x.f64"), unit);
    PythonReference.writeF64(dir.resolve("c.f64"), centroids);
    String script =
        PythonReference.script(
            List.of(),
            List.of("x", "c"),
            "diff = np.clip(1 - (x @ c.T).max(axis=1), 0, 2)",
            "print(' '.join(map(str, np.argsort(diff, kind='stable'))))",
            "print(' '.join(map(str, np.argsort(-diff, kind='stable'))))",
            "print(' '.join('%.17g' % v for v in diff))");
    String output = PythonReference.run(script, "numpy", dir.toString(), Integer.toString(dim));
    List<String> lines = output.lines().toList();
    double[] difficulty = PrototypeSelector.difficulty(unit, centroids);
    assertArrayEquals(ints(lines.get(0)), PrototypeSelector.ranking(difficulty, Prefer.EASY));
    assertArrayEquals(ints(lines.get(1)), PrototypeSelector.ranking(difficulty, Prefer.HARD));
    assertArrayEquals(
        Arrays.stream(lines.get(2).split(" ")).mapToDouble(Double::parseDouble).toArray(),
        difficulty,
        1e-12);
  }

  private static int[] ints(String line) {
    return Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray();
  }
}
