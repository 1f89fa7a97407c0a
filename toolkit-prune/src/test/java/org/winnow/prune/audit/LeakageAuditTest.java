package org.winnow.prune.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.PythonReference;

/** {@link LeakageAudit}: planted twins, NumPy's exact nearest neighbour, thresholds, the files. */
class LeakageAuditTest {

  @TempDir Path dir;

  private static final List<String> CLASSES = List.of("a", "b", "c");

  /** Random rows, not unit length (the audit normalises). */
  private static float[][] gaussian(int n, int dim, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[][] v = new float[n][dim];
    for (float[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (rng.nextDouble() * 2 - 1);
      }
    }
    return v;
  }

  private static EmbeddingSet set(String split, float[][] v) {
    List<String> ids = new ArrayList<>();
    int[] labels = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      ids.add(split + "/" + i);
      labels[i] = i % CLASSES.size();
    }
    return new EmbeddingSet(split + ".h5", ids, labels, CLASSES, v, new TreeMap<>());
  }

  /**
   * Train rows copied, scaled and slightly moved into test rows 5, 17, 40 (17 with another class).
   */
  private static final int[][] PLANTED = {{5, 11}, {17, 30}, {40, 199}};

  private static Leakage planted(double threshold) {
    float[][] train = gaussian(200, 24, 1);
    float[][] test = gaussian(60, 24, 2);
    SplittableRandom rng = new SplittableRandom(3);
    for (int[] p : PLANTED) {
      for (int j = 0; j < 24; j++) {
        test[p[0]][j] = 3 * train[p[1]][j] + (float) (rng.nextDouble() - 0.5) * 0.01f;
      }
    }
    return LeakageAudit.find(
        set("train", train),
        List.of(new LeakageAudit.HeldOut("test", set("test", test))),
        threshold,
        Progress.NONE);
  }

  @Test
  void findsThePlantedTwinsAndNothingElse() {
    List<Leakage.Twin> twins = planted(0.99).twins();
    assertEquals(3, twins.size(), twins.toString());
    for (Leakage.Twin t : twins) {
      int[] p =
          java.util.Arrays.stream(PLANTED).filter(x -> x[0] == t.row()).findFirst().orElseThrow();
      assertEquals(p[1], t.trainRow());
      assertTrue(t.cosine() > 0.999 && t.cosine() <= 1 + 1e-12, "cosine " + t.cosine());
      // test row 17 is class 17 % 3 = 2, its twin train row 30 class 0; the others agree
      assertEquals(t.row() != 17, t.sameLabel(), "row " + t.row());
    }
    for (int i = 1; i < twins.size(); i++) {
      assertTrue(twins.get(i - 1).cosine() >= twins.get(i).cosine(), "most similar first");
    }
  }

  @Test
  void theThresholdCountsEveryNearestCosineAtOrAboveIt() {
    Leakage all = planted(-0.999);
    assertEquals(60, all.twins().size(), "every sample has a nearest train sample");
    double[] cos = all.splits().getFirst().cosine();
    for (double t : new double[] {0.3, 0.5, 0.7, cos[9]}) {
      long expected = java.util.Arrays.stream(cos).filter(c -> c >= t).count();
      assertEquals(expected, planted(t).twins().size(), "threshold " + t);
    }
    assertTrue(planted(cos[9]).twins().stream().anyMatch(x -> x.row() == 9), "at is above");
    for (double bad : new double[] {-1, 1.0001, Double.NaN}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> planted(bad));
      assertTrue(e.getMessage().contains("--threshold"), e.getMessage());
    }
  }

  @Test
  void differentDimensionsAreRefusedNamingTheFile() {
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                LeakageAudit.find(
                    set("train", gaussian(10, 8, 1)),
                    List.of(new LeakageAudit.HeldOut("test", set("test", gaussian(4, 9, 2)))),
                    0.9,
                    Progress.NONE));
    assertEquals(
        "test.h5: 9-dimensional embeddings, but the train embeddings train.h5 are 8-dimensional;"
            + " embed both with the same model",
        e.getMessage());
  }

  /**
   * Over several of the audit's chunks and the search's blocks: each nearest train row and cosine
   * equals NumPy's exact search (float64 product of the normalised rows, argmax).
   */
  @Test
  void agreesWithNumPyExactNearestNeighbours() throws Exception {
    PythonReference.requirePython();
    int dim = 16;
    float[][] train = gaussian(700, dim, 11);
    float[][] test = gaussian(LeakageAudit.CHUNK + 300, dim, 12);
    PythonReference.writeF64(dir.resolve("b.f64"), train);
    PythonReference.writeF64(dir.resolve("q.f64"), test);
    String script =
        PythonReference.script(
            List.of(),
            List.of("b", "q"),
            "b /= np.linalg.norm(b, axis=1, keepdims=True)",
            "q /= np.linalg.norm(q, axis=1, keepdims=True)",
            "s = q @ b.T",
            "i = s.argmax(axis=1)",
            "with open(sys.argv[1] + '/nn.txt', 'w') as f:",
            "    for r in range(len(q)):",
            "        f.write('%d %.17g\\n' % (i[r], s[r, i[r]]))");
    PythonReference.run(script, "numpy", dir.toString(), Integer.toString(dim));
    Leakage found =
        LeakageAudit.find(
            set("train", train),
            List.of(new LeakageAudit.HeldOut("test", set("test", test))),
            0.5,
            Progress.NONE);
    List<String> lines = Files.readAllLines(dir.resolve("nn.txt"));
    Leakage.SplitNearest s = found.splits().getFirst();
    assertEquals(test.length, lines.size());
    for (int r = 0; r < lines.size(); r++) {
      String[] f = lines.get(r).split(" ");
      assertEquals(Integer.parseInt(f[0]), s.nearest()[r], "row " + r);
      assertEquals(Double.parseDouble(f[1]), s.cosine()[r], 1e-12, "row " + r);
    }
  }

  @Test
  void writesTheCsvSummaryAndManifestAndRefusesAnExistingFolder() throws IOException {
    Leakage leakage = planted(0.99);
    Manifest manifest =
        new Manifest(LeakageAudit.TOOL, "test", new TreeMap<>(), OptionalLong.empty(), List.of());
    Path out = dir.resolve("audit");
    List<Path> pages = new ArrayList<>();
    Path csv =
        LeakageAudit.write(
            leakage,
            manifest,
            out,
            false,
            List.of(),
            (folder, l, m) -> {
              pages.add(folder);
              Files.writeString(folder.resolve("report.html"), "page");
            });
    List<String> lines = Files.readAllLines(csv);
    assertEquals("test_id,train_id,cosine,same_label,split", lines.get(0));
    assertEquals(4, lines.size());
    assertTrue(lines.contains(row(leakage, 17)), lines.toString());
    assertTrue(Files.isRegularFile(out.resolve("report.html")));
    assertFalse(pages.getFirst().equals(out), "the page writes into the temporary folder");
    JsonObject summary =
        JsonParser.parseString(Files.readString(out.resolve("summary.json"))).getAsJsonObject();
    assertEquals(3, summary.get("twins").getAsInt());
    JsonObject test = summary.getAsJsonObject("splits").getAsJsonObject("test");
    assertEquals(60, test.get("samples").getAsInt());
    assertEquals(2, test.get("twins_same_label").getAsInt());
    // rows 5 (class c), 17 (class c), 40 (class b): class c has 20 samples and two twins
    JsonObject c = test.getAsJsonObject("per_class").getAsJsonObject("c");
    assertEquals(20, c.get("samples").getAsInt());
    assertEquals(2, c.get("twins").getAsInt());
    assertEquals(1, c.get("twins_same_label").getAsInt());
    assertEquals(3, test.getAsJsonObject("at_least").get("0.99").getAsInt());
    assertEquals(
        LeakageAudit.TOOL, Manifest.fromJsonObject(summary.getAsJsonObject("manifest")).tool());
    assertTrue(Files.isRegularFile(out.resolve("manifest.json")));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LeakageAudit.write(leakage, manifest, out, false, List.of(), (f, l, m) -> {}));
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
  }

  private static String row(Leakage leakage, int testRow) {
    Leakage.Twin t =
        leakage.twins().stream().filter(x -> x.row() == testRow).findFirst().orElseThrow();
    return String.format(
        java.util.Locale.ROOT,
        "test/%d,train/%d,%.6f,%s,test",
        testRow,
        t.trainRow(),
        t.cosine(),
        t.sameLabel());
  }

  @Test
  void quantilesInterpolateAsNumPyDoes() {
    double[] sorted = {0, 1, 2, 10};
    assertEquals(0, LeakageSummary.quantile(sorted, 0));
    assertEquals(10, LeakageSummary.quantile(sorted, 1));
    assertEquals(1.5, LeakageSummary.quantile(sorted, 0.5), 1e-15);
    assertEquals(5.2, LeakageSummary.quantile(sorted, 0.8), 1e-12); // np.quantile([0,1,2,10],0.8)
    assertEquals(2, LeakageSummary.atLeast(sorted, 2));
    assertEquals(1, LeakageSummary.atLeast(sorted, 2.5));
  }
}
