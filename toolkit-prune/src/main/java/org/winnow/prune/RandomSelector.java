package org.winnow.prune;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * The baseline of Birodkar, Mobahi and Bengio, <i>Semantic Redundancies in Image-Classification
 * Datasets: The 10% You Don't Need</i>, 2019 (section 4): each class sampled uniformly and
 * independently, with the same per-class counts as {@link SemanticSelector} at the same fraction.
 * Each class draws one seeded permutation and every fraction keeps a prefix of it, so a smaller
 * subset is always inside a larger one. The draw of a class depends only on the seed and its label,
 * not on thread timing.
 *
 * @param seed the random seed
 */
public record RandomSelector(long seed) implements Selector {

  /** The method as the registry lists it ({@link SelectionMethods}). */
  public static final SelectionMethod METHOD =
      new SelectionMethod(
          "random",
          "class-stratified random subset, same per-class counts",
          "Baseline: a class-stratified uniform random subset with the same per-class counts as"
              + " semantic pruning at the same keep fraction. For the gallery each removed sample"
              + " is grouped with the kept sample most similar to it.",
          List.of(),
          (values, seed) -> new RandomSelector(seed));

  @Override
  public String name() {
    return METHOD.name();
  }

  @Override
  public SortedMap<String, String> settings() {
    return new TreeMap<>();
  }

  @Override
  public OptionalLong randomSeed() {
    return OptionalLong.of(seed);
  }

  @Override
  public List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
    return PerClass.select(
        name(),
        data,
        fractions,
        PerClass.threads(0),
        c -> 0,
        Long.MAX_VALUE,
        "sample",
        progress,
        checkpoint,
        (label, rows, out) -> {
          if (rows.length == 0) {
            return;
          }
          int[] order = permutation(rows.length, classSeed(seed, label));
          double[][] unit = Cosine.unitRows(data.vectors(), rows);
          for (int f = 0; f < fractions.size(); f++) {
            int[] kept = Arrays.copyOf(order, ClassQuota.keep(rows.length, fractions.get(f)));
            Arrays.sort(kept);
            out.get(f).nearestKept(rows, unit, kept);
          }
        });
  }

  /** A seed for one class, so that classes draw independently of each other and of threads. */
  static long classSeed(long seed, int label) {
    return new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (label + 1));
  }

  /** A uniform random permutation of 0..n-1 (Fisher-Yates). */
  static int[] permutation(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int[] p = SemanticSelector.identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }
}
