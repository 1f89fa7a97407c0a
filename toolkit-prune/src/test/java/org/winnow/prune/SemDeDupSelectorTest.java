package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.prune.SemDeDupSelector.Options;
import org.winnow.prune.SemDeDupSelector.Prefer;

class SemDeDupSelectorTest {

  @TempDir Path dir;

  private static SemDeDupSelector selector(
      int clusters, Prefer prefer, List<Double> eps, boolean withinClass, long seed) {
    return new SemDeDupSelector(new Options(clusters, prefer, eps, withinClass, seed));
  }

  private static Selection at(SemDeDupSelector s, EmbeddingSet data) {
    return s.select(data, List.of(), Progress.NONE).getFirst();
  }

  @Test
  void findsThePlantedDuplicatesAndNamesWhatEachDuplicates() {
    PlantedDuplicates planted = PlantedDuplicates.generate(3000, 32, 4, 20, 0.2, 0.15, 7);
    Selection s = at(selector(0, Prefer.HARD, List.of(0.05), false, 3), planted.data());
    double[] pr = planted.precisionRecall(s);
    assertTrue(pr[0] >= 0.99 && pr[1] >= 0.99, Arrays.toString(pr));
    assertTrue(planted.duplicates() > 500, "enough planted: " + planted.duplicates());
    double[][] unit = Cosine.unitRows(planted.data().vectors(), SemanticSelector.identity(3000));
    for (int i = 0; i < s.size(); i++) {
      int rep = s.representative()[i];
      if (rep != i) {
        double d = Cosine.dissimilarity(unit[i], unit[rep]);
        assertEquals(d, s.dissimilarity()[i], 1e-6, "groups.csv's cosine is the pair's");
        assertTrue(d < 0.05, "a removed sample duplicates its representative");
      }
    }
    // The fraction is the outcome, the threshold and its table travel with the selection.
    assertEquals(s.keptRows().length / 3000.0, s.fraction());
    Selection.Threshold t = s.threshold().orElseThrow();
    assertEquals(0.05, t.epsilon());
    assertEquals(List.of(0.05), List.copyOf(t.table().keySet()));
  }

  @Test
  void largerEpsilonsDropMoreAndEachGetsItsRowOfTheTable() {
    PlantedDuplicates planted = PlantedDuplicates.generate(1500, 16, 3, 10, 0.3, 0.3, 2);
    List<Selection> out =
        selector(0, Prefer.HARD, List.of(0.3, 0.01, 0.1), false, 1)
            .select(planted.data(), List.of(), Progress.NONE);
    assertEquals(3, out.size());
    int[] kept = out.stream().mapToInt(s -> s.keptRows().length).toArray();
    assertTrue(kept[1] > kept[2] && kept[2] > kept[0], Arrays.toString(kept));
    for (Selection s : out) {
      assertEquals(3, s.threshold().orElseThrow().table().size());
      assertEquals(
          s.keptRows().length / 1500.0,
          s.threshold().orElseThrow().table().get(s.threshold().orElseThrow().epsilon()));
    }
  }

  @Test
  void withinClassKeepsDuplicatesOfAnotherLabel() {
    PlantedDuplicates planted = PlantedDuplicates.generate(1200, 16, 3, 9, 0.2, 0.1, 4);
    EmbeddingSet data = planted.data();
    int[] labels = data.labels().clone();
    for (int i = 0; i < labels.length; i++) {
      if (planted.original()[i] >= 0) {
        labels[i] = (labels[planted.original()[i]] + 1) % 3; // each duplicate in another class
      }
    }
    EmbeddingSet relabelled =
        new EmbeddingSet(
            data.source(),
            data.ids(),
            labels,
            data.classNames(),
            data.vectors(),
            data.attributes());
    Selection global = at(selector(0, Prefer.HARD, List.of(0.05), false, 1), relabelled);
    Selection within = at(selector(0, Prefer.HARD, List.of(0.05), true, 1), relabelled);
    assertTrue(planted.precisionRecall(global)[1] >= 0.99);
    for (int i = 0; i < 1200; i++) {
      int rep = within.representative()[i];
      if (rep != i) {
        // only two duplicates of one original share a label
        assertEquals(labels[i], labels[rep]);
        assertTrue(planted.original()[i] >= 0 && planted.original()[i] == planted.original()[rep]);
      }
    }
    assertTrue(within.keptRows().length > global.keptRows().length);
    int crossClass = 0;
    for (int i = 0; i < 1200; i++) {
      crossClass += labels[i] != labels[global.representative()[i]] ? 1 : 0;
    }
    assertTrue(crossClass >= planted.duplicates() / 2, "global ignores labels: " + crossClass);
  }

  @Test
  void preferHardKeepsTheFartherOfAPairEasyTheNearerAutoIsHardRandomDrawsFromTheSeed() {
    PlantedDuplicates planted = PlantedDuplicates.generate(800, 16, 2, 1, 0.3, 0.3, 5);
    EmbeddingSet data = planted.data();
    double[][] unit = Cosine.unitRows(data.vectors(), SemanticSelector.identity(800));
    double[] mean = new double[16];
    for (double[] u : unit) {
      for (int j = 0; j < 16; j++) {
        mean[j] += u[j];
      }
    }
    double[][] centroid = Cosine.unitRows(new float[][] {toFloat(mean)}, new int[] {0});
    for (Prefer p : List.of(Prefer.HARD, Prefer.EASY)) {
      Selection s = at(selector(1, p, List.of(0.05), false, 1), data);
      int removed = 0;
      for (int i = 0; i < 800; i++) {
        int rep = s.representative()[i];
        if (rep != i) {
          removed++;
          double ci = 1 - Cosine.dissimilarity(unit[i], centroid[0]);
          double cr = 1 - Cosine.dissimilarity(unit[rep], centroid[0]);
          assertTrue(p == Prefer.HARD ? cr <= ci + 1e-6 : cr >= ci - 1e-6, p + " row " + i);
        }
      }
      assertTrue(removed > 100, p + " removed " + removed);
    }
    Options auto = Options.from(OptionValues.defaults().with(KMeansOptions.PREFER, "auto"), 1);
    assertEquals(Prefer.HARD, auto.order());
    assertEquals(Prefer.HARD, Options.from(OptionValues.defaults(), 1).order());
    int[] r1 = at(selector(1, Prefer.RANDOM, List.of(0.05), false, 1), data).keptRows();
    int[] r2 = at(selector(1, Prefer.RANDOM, List.of(0.05), false, 2), data).keptRows();
    assertNotEquals(Arrays.toString(r1), Arrays.toString(r2));
    assertArrayEquals(r1, at(selector(1, Prefer.RANDOM, List.of(0.05), false, 1), data).keptRows());
  }

  private static float[] toFloat(double[] v) {
    float[] f = new float[v.length];
    for (int j = 0; j < v.length; j++) {
      f[j] = (float) v[j];
    }
    return f;
  }

  @Test
  void aKeepFractionIsReachedBySearchingForItsEpsilon() {
    PlantedDuplicates planted = PlantedDuplicates.generate(2000, 16, 4, 12, 0.4, 0.5, 8);
    List<Double> fractions = List.of(0.9, 0.75, 1.0);
    List<Selection> out =
        selector(0, Prefer.HARD, List.of(), false, 3)
            .select(planted.data(), fractions, Progress.NONE);
    for (int f = 0; f < fractions.size(); f++) {
      Selection s = out.get(f);
      assertEquals(fractions.get(f), s.fraction());
      int target = (int) Math.round(fractions.get(f) * 2000);
      assertTrue(
          Math.abs(s.keptRows().length - target) <= 2, s.keptRows().length + " vs " + target);
      double eps = s.threshold().orElseThrow().epsilon();
      assertTrue(fractions.get(f) == 1 ? eps == 0 : eps > 0 && eps < 2, "eps " + eps);
      assertEquals(3, s.threshold().orElseThrow().table().size());
    }
    // The epsilon found, given back, keeps the same samples.
    double eps = out.get(1).threshold().orElseThrow().epsilon();
    assertArrayEquals(
        out.get(1).keptRows(),
        at(selector(0, Prefer.HARD, List.of(eps), false, 3), planted.data()).keptRows());
  }

  @Test
  void rowBlocksGiveTheSameScanAsOneBlock() {
    PlantedDuplicates planted = PlantedDuplicates.generate(700, 8, 1, 1, 0.3, 0.4, 6);
    int[] cluster = SemanticSelector.identity(700);
    double[] threshold = {0.99, 0.9};
    int[][] repA = new int[2][700];
    int[][] repB = new int[2][700];
    float[][] cosA = new float[2][700];
    float[][] cosB = new float[2][700];
    float[][] v = planted.data().vectors();
    DuplicateScan.scan(v, cluster, threshold, repA, cosA);
    DuplicateScan.scan(v, cluster, threshold, repB, cosB, 700 * 3); // blocks of 3 rows
    assertArrayEquals(repA, repB);
    assertArrayEquals(cosA, cosB);
  }

  /**
   * The removal set and every representative equal a NumPy implementation's ({@code
   * /usr/bin/python3}) given the same clusters in the same order: within each cluster, row i is
   * dropped when {@code max(U[i] @ U[kept].T) > 1 - eps}, for the argmax kept row.
   */
  @Test
  void removalsEqualNumpysGivenTheSameClustersAndOrder() throws Exception {
    PythonReference.requirePython();
    PlantedDuplicates planted = PlantedDuplicates.generate(900, 24, 3, 8, 0.3, 0.4, 12);
    EmbeddingSet data = planted.data();
    Options options = new Options(0, Prefer.HARD, List.of(0.1, 0.3), false, 9);
    int[][] clusters =
        DuplicateScan.clusters(
            data.vectors(),
            SemanticSelector.identity(900),
            options.clustersFor(900),
            options.order(),
            options.seed());
    PythonReference.writeF64(
        dir.resolve("x.f64"), Cosine.unitRows(data.vectors(), SemanticSelector.identity(900)));
    Files.writeString(
        dir.resolve("clusters.txt"),
        Arrays.stream(clusters)
            .map(c -> Arrays.stream(c).mapToObj(Integer::toString).collect(Collectors.joining(" ")))
            .collect(Collectors.joining("\n")));
    String script =
        PythonReference.script(
            List.of(),
            List.of("x"),
            "clusters = [list(map(int, l.split())) for l in open(sys.argv[1] + '/clusters.txt')]",
            "for eps in (0.1, 0.3):",
            "    rep = np.arange(len(x))",
            "    for c in clusters:",
            "        u = x[c]",
            "        s = u @ u.T",
            "        kept = []",
            "        for i in range(len(c)):",
            "            if kept:",
            "                j = int(np.argmax(s[i, kept]))",
            "                if s[i, kept[j]] > 1 - eps:",
            "                    rep[c[i]] = c[kept[j]]",
            "                    continue",
            "            kept.append(i)",
            "    print(' '.join(map(str, rep)))");
    List<String> lines =
        PythonReference.run(script, "numpy", dir.toString(), "24").lines().toList();
    List<Selection> out = new SemDeDupSelector(options).select(data, List.of(), Progress.NONE);
    for (int e = 0; e < 2; e++) {
      int[] expected = Arrays.stream(lines.get(e).split(" ")).mapToInt(Integer::parseInt).toArray();
      assertArrayEquals(expected, out.get(e).representative(), "eps " + e);
      assertTrue(out.get(e).keptRows().length < 900);
    }
  }

  @Test
  void badValuesAreRefusedNamingTheOption() {
    for (String bad : List.of("0", "2", "-0.1", "2.5", "NaN")) {
      MethodOption.InvalidValue e =
          assertThrows(
              MethodOption.InvalidValue.class,
              () ->
                  SemDeDupSelector.METHOD.create(
                      OptionValues.defaults().with(SemDeDupSelector.EPSILON, bad), 1));
      assertTrue(e.getMessage().startsWith("--epsilon must be in (0, 2), got "), e.getMessage());
    }
    assertEquals(
        "--epsilon must be numbers in (0, 2), comma-separated, got '0.1,x'",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    SemDeDupSelector.METHOD.create(
                        OptionValues.defaults().with(SemDeDupSelector.EPSILON, "0.1,x"), 1))
            .getMessage());
    assertEquals(
        "--epsilon repeats a value: [0.1, 0.1]",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    SemDeDupSelector.METHOD.create(
                        OptionValues.defaults().with(SemDeDupSelector.EPSILON, "0.1,0.1"), 1))
            .getMessage());
    assertEquals(
        "--prefer must be one of hard|easy|random|auto, got 'medium'",
        assertThrows(
                MethodOption.InvalidValue.class,
                () ->
                    SemDeDupSelector.METHOD.create(
                        OptionValues.defaults().with(KMeansOptions.PREFER, "medium"), 1))
            .getMessage());
    // --keep and --epsilon ask for the same thing twice.
    SemDeDupSelector byEps = selector(0, Prefer.HARD, List.of(0.1), false, 1);
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class,
            () -> byEps.select(TestSets.uneven(1), List.of(0.5), Progress.NONE));
    assertTrue(both.getMessage().startsWith("--epsilon and --keep: give one"), both.getMessage());
  }

  @Test
  void pruningWritesOneFolderPerEpsilonAndTheTableInEachSummary() throws Exception {
    Path file = dir.resolve("e.h5");
    PlantedDuplicates planted = PlantedDuplicates.generate(400, 16, 2, 4, 0.3, 0.2, 3);
    Hdf5EmbeddingsWriter.write(file, planted.data());
    SemDeDupSelector s = selector(0, Prefer.HARD, List.of(0.05, 0.2), false, 1);
    assertThrows(
        IllegalArgumentException.class,
        () -> new Pruning.Request(file, s, List.of(0.5), dir.resolve("no"), false, "1"));
    Pruning.Report report =
        Pruning.run(
            new Pruning.Request(file, s, List.of(), dir.resolve("out"), false, "1"), Progress.NONE);
    assertEquals(
        List.of(dir.resolve("out/eps-0.05"), dir.resolve("out/eps-0.2")), report.folders());
    String json = Files.readString(dir.resolve("out/eps-0.2/summary.json"));
    assertTrue(json.contains("\"epsilon\": 0.2,"), json);
    assertTrue(json.contains("\"epsilon_table\": ["), json);
    assertTrue(json.contains("\"epsilon\": \"0.05,0.2\""), json);
    assertTrue(!json.contains("\"keep\":"), "no keep fraction was asked: " + json);
    String groups = Files.readString(dir.resolve("out/eps-0.05/groups.csv"));
    assertTrue(groups.lines().skip(1).anyMatch(l -> l.contains(",false,")), groups);
  }
}
