package org.winnow.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * The diameter of every group of a selection: the largest pairwise {@code 1 - cos} among its
 * members, the floor the group promises ("every member is within this of every other"), which
 * SemDeDup's pair-by-pair removal and a connected-components chain do not give. For a complete
 * linkage cut ({@code semantic}) it is the height at which the group's last merge happened, since
 * complete linkage merges two clusters at their largest pairwise distance; it is computed here the
 * same exact way for every method, in double precision, so that it does not carry the tree's
 * single-precision distances.
 *
 * <p>A group is its members of one class with one group number, as {@code groups.csv} and {@code
 * summary.json} count groups. The farthest member of each member is the nearest neighbour of its
 * negated row ({@link NearestNeighbours}, blocked BLAS), so no group's pairs are held at once
 * beyond one product block.
 */
final class GroupDiameters {

  private GroupDiameters() {}

  /** For every row of {@code data}, the diameter of its group in {@code s} (0 for a singleton). */
  static double[] of(EmbeddingSet data, Selection s) {
    double[] diameter = new double[s.size()];
    for (int[] members : data.members()) {
      Map<Integer, List<Integer>> groups = new HashMap<>();
      for (int row : members) {
        groups.computeIfAbsent(s.group()[row], g -> new ArrayList<>()).add(row);
      }
      groups.values().parallelStream()
          .forEach(
              rows -> {
                int[] r = rows.stream().mapToInt(Integer::intValue).toArray();
                double d = r.length < 2 ? 0 : of(Cosine.unitRows(data.vectors(), r));
                for (int row : r) {
                  diameter[row] = d;
                }
              });
    }
    return diameter;
  }

  /** The largest pairwise {@code 1 - cos} among unit rows (at least 2). */
  static double of(double[][] unit) {
    double[][] negated = new double[unit.length][];
    for (int i = 0; i < unit.length; i++) {
      negated[i] = new double[unit[i].length];
      for (int j = 0; j < unit[i].length; j++) {
        negated[i][j] = -unit[i][j];
      }
    }
    double[] farthest = NearestNeighbours.search(negated, unit, 1).similarity();
    double max = 0;
    for (double minusDot : farthest) {
      max = Math.max(max, Cosine.dissimilarityOfDot(-minusDot));
    }
    return max;
  }
}
