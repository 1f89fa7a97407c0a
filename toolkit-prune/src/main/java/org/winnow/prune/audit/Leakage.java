package org.winnow.prune.audit;

import java.util.List;
import java.util.Objects;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * What a leakage audit found: every held-out sample's nearest train sample, and which of them are
 * twins (cosine at or above the threshold).
 *
 * @param train the train embeddings
 * @param splits per held-out split, the nearest train sample of each of its samples
 * @param threshold the cosine at or above which a pair is a twin
 */
public record Leakage(EmbeddingSet train, List<SplitNearest> splits, double threshold) {

  /** Copies the list. */
  public Leakage {
    Objects.requireNonNull(train, "train");
    splits = List.copyOf(splits);
  }

  /**
   * One held-out split against the train split.
   *
   * @param split the split's name, e.g. {@code test}
   * @param samples its embeddings
   * @param nearest for each of its rows, the row of the most similar train sample
   * @param cosine that similarity
   */
  public record SplitNearest(String split, EmbeddingSet samples, int[] nearest, double[] cosine) {

    /** Checks the lengths. */
    public SplitNearest {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(samples, "samples");
      if (nearest.length != samples.size() || cosine.length != samples.size()) {
        throw new IllegalArgumentException("one nearest train row and cosine per sample");
      }
    }
  }

  /**
   * A held-out sample and its train twin.
   *
   * @param split the held-out sample's split
   * @param samples that split's embeddings
   * @param row its row there
   * @param trainRow the train row of its twin
   * @param cosine their cosine similarity
   * @param sameLabel whether both carry the same class name
   */
  public record Twin(
      String split,
      EmbeddingSet samples,
      int row,
      int trainRow,
      double cosine,
      boolean sameLabel) {}

  /** The twins, split by split, most similar first (ties in row order). */
  public List<Twin> twins() {
    return splits.stream()
        .flatMap(
            s ->
                java.util.stream.IntStream.range(0, s.samples().size())
                    .filter(i -> s.cosine()[i] >= threshold)
                    .boxed()
                    .sorted((a, b) -> Double.compare(s.cosine()[b], s.cosine()[a]))
                    .map(
                        i ->
                            new Twin(
                                s.split(),
                                s.samples(),
                                i,
                                s.nearest()[i],
                                s.cosine()[i],
                                sameLabel(train, s.nearest()[i], s.samples(), i))))
        .toList();
  }

  /** Whether train row {@code trainRow} and row {@code row} of {@code samples} share a class. */
  static boolean sameLabel(EmbeddingSet train, int trainRow, EmbeddingSet samples, int row) {
    return className(train, trainRow).equals(className(samples, row));
  }

  /**
   * One class of a held-out split.
   *
   * @param name the class name
   * @param samples its samples in the split
   * @param twins how many of them have a train twin
   * @param twinsSameLabel how many of those twins carry the same class
   */
  public record ClassCount(String name, int samples, int twins, int twinsSameLabel) {}

  /** The counts of every class of a held-out split, by class name. */
  public List<ClassCount> perClass(SplitNearest s) {
    java.util.TreeMap<String, int[]> counts = new java.util.TreeMap<>();
    for (int i = 0; i < s.samples().size(); i++) {
      int[] c = counts.computeIfAbsent(className(s.samples(), i), k -> new int[3]);
      c[0]++;
      if (s.cosine()[i] >= threshold) {
        c[1]++;
        c[2] += sameLabel(train, s.nearest()[i], s.samples(), i) ? 1 : 0;
      }
    }
    return counts.entrySet().stream()
        .map(e -> new ClassCount(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .toList();
  }

  /** The class name of a row (its label as text when the set names no classes). */
  public static String className(EmbeddingSet set, int row) {
    int label = set.labels()[row];
    return label < set.classNames().size() ? set.classNames().get(label) : Integer.toString(label);
  }
}
