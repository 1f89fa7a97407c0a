package org.winnow.prune;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;

/**
 * The cost of {@code groups.csv}'s {@code group_diameter} for {@code semantic} pruning: the
 * semantic selection at each fraction timed once, then {@link GroupDiameters} on each selection
 * timed apart, with the sum of squared group sizes that bounds its work (every pair of a group's
 * members is one dot product). Commands and results: BENCHMARKS.md.
 *
 * <p>Arguments: {@code embeddings.h5 fraction[,fraction...]}.
 */
public final class GroupDiametersBenchmark {

  private GroupDiametersBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    EmbeddingSet data = EmbeddingSource.of(java.nio.file.Path.of(args[0])).read();
    List<Double> fractions = new ArrayList<>();
    for (String f : args[1].split(",")) {
      fractions.add(Double.parseDouble(f));
    }
    long t1 = System.nanoTime();
    List<Selection> selections =
        new SemanticSelector(SemanticSelector.Options.defaults())
            .select(data, fractions, Progress.NONE);
    long t2 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%,d x %d, %d classes: read %.2f s, semantic select at %s %.2f s%n",
        data.size(),
        data.dimension(),
        data.classNames().size(),
        (t1 - t0) / 1e9,
        fractions,
        (t2 - t1) / 1e9);
    for (Selection s : selections) {
      long a = System.nanoTime();
      double[] d = GroupDiameters.of(data, s);
      long b = System.nanoTime();
      Map<Long, Integer> sizes = new HashMap<>();
      for (int row = 0; row < s.size(); row++) {
        sizes.merge((long) data.labels()[row] << 32 | s.group()[row], 1, Integer::sum);
      }
      long pairs = 0;
      int redundant = 0;
      int largest = 0;
      for (int n : sizes.values()) {
        pairs += (long) n * n;
        redundant += n > 1 ? 1 : 0;
        largest = Math.max(largest, n);
      }
      double max = 0;
      for (double x : d) {
        max = Math.max(max, x);
      }
      System.out.printf(
          Locale.ROOT,
          "keep %s: %,d groups of 2+ (largest %,d), sum of squared sizes %,d;"
              + " diameters %.2f s; largest %.4f%n",
          s.fraction(),
          redundant,
          largest,
          pairs,
          (b - a) / 1e9,
          max);
    }
  }
}
