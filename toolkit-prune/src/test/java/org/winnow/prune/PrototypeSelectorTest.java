package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    NearestNeighboursTest.write(dir.resolve("x.f64"), unit);
    NearestNeighboursTest.write(dir.resolve("c.f64"), centroids);
    String script =
        String.join(
            "\n",
            "import sys",
            "try:",
            "    import numpy as np",
            "except ImportError:",
            "    sys.exit(3)",
            "d = int(sys.argv[2])",
            "x = np.fromfile(sys.argv[1] + '/x.f64', dtype='<f8').reshape(-1, d)",
            "c = np.fromfile(sys.argv[1] + '/c.f64', dtype='<f8').reshape(-1, d)",
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
