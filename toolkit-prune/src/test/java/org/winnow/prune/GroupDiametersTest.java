package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/** {@link GroupDiameters}: brute force across search blocks, and SciPy's merge heights. */
class GroupDiametersTest {

  @TempDir Path dir;

  private static double bruteForce(EmbeddingSet data, int[] rows) {
    double[][] u = Cosine.unitRows(data.vectors(), rows);
    double max = 0;
    for (int i = 0; i < u.length; i++) {
      for (int j = i + 1; j < u.length; j++) {
        max = Math.max(max, Cosine.dissimilarity(u[i], u[j]));
      }
    }
    return max;
  }

  /**
   * One class of 1,300 rows in three groups (one of 1,100 rows, more than two of the search's query
   * blocks, one of 199, one singleton), another class of one group: each row carries its own
   * group's brute-force diameter; the singleton 0.
   */
  @Test
  void everyRowCarriesItsGroupsLargestPairwiseDissimilarity() {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(2, 1300, 10, 4, 0.8, 9);
    int[] group = new int[data.size()];
    int[] representative = new int[data.size()];
    int[] seen = new int[2];
    for (int i = 0; i < data.size(); i++) {
      int c = data.labels()[i];
      int k = seen[c]++;
      group[i] = c == 1 ? 0 : k < 1100 ? 0 : k < 1299 ? 1 : 2;
      representative[i] = i;
    }
    Selection s = new Selection("test", 1.0, group, representative, new double[data.size()]);
    double[] d = GroupDiameters.of(data, s);
    Map<String, List<Integer>> members = new HashMap<>();
    for (int i = 0; i < data.size(); i++) {
      members.computeIfAbsent(data.labels()[i] + "/" + group[i], x -> new ArrayList<>()).add(i);
    }
    assertEquals(4, members.size());
    for (List<Integer> rows : members.values()) {
      int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
      double expected = r.length < 2 ? 0 : bruteForce(data, r);
      for (int row : r) {
        assertEquals(expected, d[row], 1e-12, "group of " + r.length);
      }
      if (r.length > 1) {
        assertTrue(expected > 0.1, "a real spread: " + expected);
      }
    }
  }

  /**
   * For {@code semantic}, each group's diameter is the height of the complete-linkage merge that
   * formed it: SciPy's {@code linkage(pdist(X, 'cosine'), 'complete')}, cut into the same clusters
   * with {@code fcluster(..., 'maxclust')}, gives the same partition and those heights.
   */
  @Test
  void semanticDiametersAreSciPysMergeHeightsOfTheSameCut() throws Exception {
    PythonReference.requirePython();
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(1, 160, 12, 5, 0.6, 21);
    Selection s = SemanticSelectorTest.DEFAULT.select(data, List.of(0.2), Progress.NONE).getFirst();
    double[] d = GroupDiameters.of(data, s);
    int k = s.keptRows().length;
    int dim = data.dimension();
    ByteBuffer b = ByteBuffer.allocate(data.size() * dim * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : data.vectors()) {
      for (float x : row) {
        b.putDouble(x);
      }
    }
    Files.write(dir.resolve("x.f64"), b.array());
    String script =
        PythonReference.script(
            List.of(
                "from scipy.cluster.hierarchy import linkage, fcluster",
                "from scipy.spatial.distance import pdist"),
            List.of("x"),
            "k = int(sys.argv[3])",
            "Z = linkage(pdist(x, 'cosine'), 'complete')",
            "n = len(x)",
            "members = {i: [i] for i in range(n)}",
            "height = {}",
            "for m, (a, c, h, _) in enumerate(Z):",
            "    members[n + m] = members.pop(int(a)) + members.pop(int(c))",
            "    height[frozenset(members[n + m])] = h",
            "labels = fcluster(Z, k, 'maxclust')",
            "with open(sys.argv[1] + '/heights.txt', 'w') as f:",
            "    for i in range(n):",
            "        group = frozenset(int(j) for j in np.nonzero(labels == labels[i])[0])",
            "        f.write('%d %.17g\\n' % (labels[i], height.get(group, 0.0)))");
    PythonReference.run(
        script, "numpy or scipy", dir.toString(), Integer.toString(dim), Integer.toString(k));
    List<String> lines = Files.readAllLines(dir.resolve("heights.txt"));
    TreeMap<Integer, Integer> theirGroups = new TreeMap<>();
    int multi = 0;
    for (int i = 0; i < data.size(); i++) {
      String[] f = lines.get(i).split(" ");
      int theirs = Integer.parseInt(f[0]);
      // the same partition: the rows of one SciPy cluster share one group of ours, and there are
      // as many clusters as groups
      theirGroups.put(theirs, s.group()[i]);
      assertEquals(s.group()[firstRow(lines, theirs)], s.group()[i], "row " + i);
      // SciPy's pdist rounds 1 - cos differently in the last bits; the tree's heights are floats
      assertEquals(Double.parseDouble(f[1]), d[i], 1e-9, "row " + i);
      multi += d[i] > 0 ? 1 : 0;
    }
    assertEquals(k, theirGroups.size());
    assertEquals(k, java.util.Arrays.stream(s.group()).distinct().count());
    assertTrue(multi > data.size() / 2, "most rows sit in groups of 2+: " + multi);
  }

  private static int firstRow(List<String> lines, int label) {
    for (int i = 0; i < lines.size(); i++) {
      if (Integer.parseInt(lines.get(i).split(" ")[0]) == label) {
        return i;
      }
    }
    throw new AssertionError("no row of label " + label);
  }
}
