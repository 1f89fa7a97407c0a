package org.winnow.prune.active;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * A simulation's division of a labelled dataset: the held-out test rows and the pool, and each
 * trial's initial labelled set, all drawn from seeds derived from the run's seed ({@link #seed}).
 *
 * @param pool the pool's dataset rows, ascending; pool row {@code i} is dataset row {@code pool[i]}
 * @param test the held-out dataset rows, ascending
 * @param poolLabels the label of each pool row
 * @param classes the dataset's number of classes
 * @param seed the run's seed
 */
public record Split(int[] pool, int[] test, int[] poolLabels, int classes, long seed) {

  /** Holds out {@code round(fraction × n_c)} samples of each class {@code c}, drawn at random. */
  public static Split of(EmbeddingSet data, double fraction, long seed) {
    SplittableRandom rng = new SplittableRandom(seed(seed, 0));
    boolean[] held = new boolean[data.size()];
    for (int[] members : data.members()) {
      int[] order = shuffled(members, rng);
      for (int i = 0; i < Math.round(fraction * members.length); i++) {
        held[order[i]] = true;
      }
    }
    int[] pool = IntStream.range(0, data.size()).filter(i -> !held[i]).toArray();
    int[] test = IntStream.range(0, data.size()).filter(i -> held[i]).toArray();
    int[] labels = Arrays.stream(pool).map(r -> data.labels()[r]).toArray();
    return new Split(pool, test, labels, data.classNames().size(), seed);
  }

  /**
   * The initial labelled pool rows of a trial, ascending: {@code n / C} of each class ({@code +1}
   * for the first {@code n mod C} classes, and fewer for a class that has fewer), topped up at
   * random when classes run short; or {@code n} drawn uniformly.
   */
  int[] initial(int trial, int n, boolean balanced) {
    SplittableRandom rng = new SplittableRandom(seed(seed, 1, trial));
    int[] all = IntStream.range(0, pool.length).toArray();
    if (!balanced) {
      return sortedHead(shuffled(all, rng), n);
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i : shuffled(all, rng)) {
      byClass.get(poolLabels[i]).add(i);
    }
    boolean[] chosen = new boolean[pool.length];
    int count = 0;
    for (int c = 0; c < classes; c++) {
      int want = n / classes + (c < n % classes ? 1 : 0);
      for (int i = 0; i < Math.min(want, byClass.get(c).size()); i++) {
        chosen[byClass.get(c).get(i)] = true;
        count++;
      }
    }
    for (int i : shuffled(all, rng)) {
      if (count >= n) {
        break;
      }
      if (!chosen[i]) {
        chosen[i] = true;
        count++;
      }
    }
    return IntStream.range(0, pool.length).filter(i -> chosen[i]).toArray();
  }

  /** The labels of pool rows. */
  int[] labels(int[] rows) {
    return Arrays.stream(rows).map(r -> poolLabels[r]).toArray();
  }

  /** The dataset rows of pool rows. */
  int[] datasetRows(int[] rows) {
    return Arrays.stream(rows).map(r -> pool[r]).toArray();
  }

  /**
   * A seed for one purpose of a run, mixed from the run's seed and the purpose's coordinates
   * (SplitMix64's finaliser after each), so that any round's draw can be made again alone.
   */
  static long seed(long seed, long... parts) {
    long h = mix(seed);
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static int[] shuffled(int[] rows, SplittableRandom rng) {
    int[] a = rows.clone();
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static int[] sortedHead(int[] rows, int n) {
    int[] head = Arrays.copyOf(rows, Math.min(n, rows.length));
    Arrays.sort(head);
    return head;
  }
}
