package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.prune.ArrivalDedup.Fate;

class ArrivalDedupTest {

  @TempDir Path dir;

  /** Unit rows at random directions plus Gaussian noise of {@code noise}, from {@code seed}. */
  private static double[][] around(double[][] centres, int n, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int dim = centres[0].length;
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      double[] c = centres[r.nextInt(centres.length)];
      for (int j = 0; j < dim; j++) {
        v[i][j] = (float) (c[j] + noise * r.nextGaussian());
      }
    }
    return Cosine.unitRows(v, SemanticSelector.identity(n));
  }

  private static double[][] gaussian(int n, int dim, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] c = new double[n][dim];
    for (double[] row : c) {
      for (int j = 0; j < dim; j++) {
        row[j] = r.nextGaussian();
      }
    }
    return c;
  }

  @Test
  void dropsAPlantedDuplicateKeepsANovelSampleAndCollapsesNewDuplicates() {
    double[][] kept = around(gaussian(400, 16, 1), 400, 0, 2);
    List<double[]> arrivals = new ArrayList<>();
    arrivals.add(around(new double[][] {kept[123]}, 1, 0.001, 3)[0]); // near-copy of kept 123
    arrivals.add(around(gaussian(1, 16, 4), 1, 0, 5)[0]); // novel
    // 40 near-copies of one novel point: more than the neighbours searched per survivor, so the
    // exact scan behind the top-k list is what drops the later ones
    double[][] burst = around(gaussian(1, 16, 6), 40, 0.0005, 7);
    arrivals.addAll(List.of(burst));
    arrivals.add(kept[7].clone()); // an exact copy: dropped even at threshold 0 below
    double[][] a = arrivals.toArray(double[][]::new);

    ArrivalDedup.Decisions d = ArrivalDedup.decide(a, kept, 0.01);
    assertEquals(Fate.EARLIER, d.fate()[0]);
    assertEquals(123, d.match()[0]);
    assertTrue(d.dissimilarity()[0] > 0 && d.dissimilarity()[0] <= 0.01, "" + d.dissimilarity()[0]);
    assertEquals(Fate.KEPT, d.fate()[1]);
    assertEquals(1, d.match()[1]);
    assertEquals(Fate.KEPT, d.fate()[2], "the first of the burst is kept");
    for (int i = 3; i < 42; i++) {
      assertEquals(Fate.ARRIVAL, d.fate()[i], "burst member " + i);
      assertEquals(2, d.match()[i], "burst member " + i + " joins the first, the only kept one");
    }
    assertEquals(Fate.EARLIER, d.fate()[42]);
    assertEquals(7, d.match()[42]);
    assertEquals(2, d.count(Fate.KEPT));
    assertEquals(2, d.count(Fate.EARLIER));
    assertEquals(39, d.count(Fate.ARRIVAL));

    ArrivalDedup.Decisions exact = ArrivalDedup.decide(a, kept, 0);
    assertEquals(Fate.EARLIER, exact.fate()[42], "an exact copy is redundant at threshold 0");
    assertEquals(Fate.KEPT, exact.fate()[0], "a near-copy is not");
  }

  @Test
  void withoutEarlierKeptSamplesOnlyDeduplicatesAmongArrivals() {
    double[][] a = around(gaussian(3, 8, 11), 30, 0.0001, 12);
    ArrivalDedup.Decisions d = ArrivalDedup.decide(a, new double[0][], 0.01);
    assertEquals(3, d.count(Fate.KEPT));
    assertEquals(0, d.count(Fate.EARLIER));
    assertEquals(0, ArrivalDedup.decide(new double[0][], a, 0.01).fate().length);
    assertEquals(
        Fate.KEPT, ArrivalDedup.decide(new double[][] {a[0]}, new double[0][], 2).fate()[0]);
  }

  /**
   * NumPy decides the same: the nearest kept sample by a full product ({@code argmax}, ties to the
   * lower row), then the greedy pass over the survivors against every kept survivor before each.
   * Two shapes: loose clusters (a few neighbours within the threshold) and tight ones (groups far
   * larger than the neighbours searched, so the exact scan runs).
   */
  @Test
  void agreesWithNumPy() throws Exception {
    PythonReference.requirePython();
    int dim = 24;
    double[][] centres = gaussian(30, dim, 21);
    for (double noise : new double[] {0.4, 0.05}) {
      // the arrivals come from 10 clusters the kept samples lack, too
      double[][] kept = around(java.util.Arrays.copyOf(centres, 20), 900, noise, 22);
      double[][] arrivals = around(centres, 600, noise, 23);
      double threshold = 0.25 * noise;
      PythonReference.writeF64(dir.resolve("kept.f64"), kept);
      PythonReference.writeF64(dir.resolve("arrivals.f64"), arrivals);
      String script =
          PythonReference.script(
              List.of(),
              List.of("kept", "arrivals"),
              "limit = float(sys.argv[3]) + 1e-9",
              "s = arrivals @ kept.T",
              "near = s.argmax(axis=1)",
              "dis = np.clip(1 - s[np.arange(len(s)), near], 0, 2)",
              "kept_new = []",
              "with open(sys.argv[1] + '/ref.txt', 'w') as f:",
              "    for i in range(len(arrivals)):",
              "        if dis[i] <= limit:",
              "            f.write('EARLIER %d %.17g\\n' % (near[i], dis[i]))",
              "            continue",
              "        if kept_new:",
              "            t = arrivals[kept_new] @ arrivals[i]",
              "            j = int(t.argmax())",
              "            if min(max(1 - t[j], 0), 2) <= limit:",
              "                f.write('ARRIVAL %d %.17g\\n' % (kept_new[j], min(max(1 - t[j], 0), 2)))",
              "                continue",
              "        kept_new.append(i)",
              "        f.write('KEPT %d 0\\n' % i)");
      PythonReference.run(
          script, "numpy", dir.toString(), Integer.toString(dim), Double.toString(threshold));
      ArrivalDedup.Decisions d = ArrivalDedup.decide(arrivals, kept, threshold);
      List<String> ref = Files.readAllLines(dir.resolve("ref.txt"));
      assertEquals(arrivals.length, ref.size());
      int[] seen = new int[Fate.values().length];
      for (int i = 0; i < ref.size(); i++) {
        String[] cell = ref.get(i).split(" ");
        String what = "noise " + noise + ", arrival " + i;
        assertEquals(Fate.valueOf(cell[0]), d.fate()[i], what);
        assertEquals(Integer.parseInt(cell[1]), d.match()[i], what);
        assertEquals(Double.parseDouble(cell[2]), d.dissimilarity()[i], 1e-12, what);
        seen[d.fate()[i].ordinal()]++;
      }
      for (Fate f : Fate.values()) {
        assertTrue(seen[f.ordinal()] > 0, "noise " + noise + ": no arrival is " + f);
      }
    }
  }
}
