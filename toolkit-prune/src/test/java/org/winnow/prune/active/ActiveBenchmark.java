package org.winnow.prune.active;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.NearestNeighbours;

/**
 * Timings for BENCHMARKS.md, not a test: active-learning selection on a large synthetic pool
 * ({@link SyntheticEmbeddings#gaussianClusters}: 10 classes, 20 blobs each, unit rows), global
 * MaxEnt against MaxEnt over the SEALS pool grown through {@link HyperplaneLsh}, round by round
 * with the linear head retrained on the labels each adds (the labels act as the oracle), and one
 * exact SEALS growth step for comparison and for the LSH index's recall@k.
 *
 * <p>Arguments: {@code N D rounds [k [TxB ...]]}, the last the LSH shapes to compare (tables ×
 * bits; the last is used for the rounds); BENCHMARKS.md has the command.
 */
public final class ActiveBenchmark {

  private ActiveBenchmark() {}

  /** Prints one line per measurement. */
  public static void main(String[] args) {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    int k = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    int budget = 100;
    System.out.printf(
        Locale.ROOT,
        "java %s, %d processors, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    long t = System.nanoTime();
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(10, n / 10, dim, 20, 0.7, 1);
    int[] labels = data.labels();
    double[][] unit = NearestNeighbours.unitRows(data.vectors());
    data = null; // the float rows are not needed again
    print("pool of %,d × %d made in %.1f s", unit.length, dim, seconds(t));
    PoolDensity density = new PoolDensity(unit);
    int[] initial = IntStream.range(0, budget).toArray(); // label = row % 10: 10 per class

    t = System.nanoTime();
    int[] exact = NeighbourIndex.exact(unit).neighbours(initial, k);
    print("exact neighbours of %d labelled samples, k = %d: %.2f s", budget, k, seconds(t));
    HyperplaneLsh lsh = null;
    for (HyperplaneLsh.Options shape : shapes(args)) {
      t = System.nanoTime();
      lsh = HyperplaneLsh.build(unit, shape);
      double build = seconds(t);
      t = System.nanoTime();
      int[] approximate = lsh.neighbours(initial, k);
      print(
          "LSH %d tables × %d bits: built in %.1f s; neighbours in %.3f s, recall@%d %.3f",
          shape.tables(), shape.bits(), build, seconds(t), k, recall(approximate, exact, k));
    }

    for (PoolMode mode : PoolMode.values()) {
      int[] labelled = initial;
      int[] unsearched = initial;
      SealsPool seals = mode == PoolMode.SEALS ? new SealsPool(lsh, unit.length, k) : null;
      double total = 0;
      for (int round = 1; round <= rounds; round++) {
        LinearHead head = LinearHead.fit(unit, labelled, labels(labels, labelled), 10);
        long start = System.nanoTime();
        Acquisition.Batch batch =
            Acquisition.round(
                unit,
                seals,
                unsearched,
                labelled,
                head,
                density,
                new Acquisition.Settings(Strategy.MAXENT, 1, budget, round));
        double s = seconds(start);
        total += s;
        print(
            "%s round %d: scored %,d (%.2f %% of the pool), selected in %.3f s",
            mode.label(),
            round,
            batch.candidatesScored(),
            100.0 * batch.candidatesScored() / unit.length,
            s);
        unsearched = Arrays.stream(batch.rows()).sorted().toArray();
        labelled =
            IntStream.concat(IntStream.of(labelled), IntStream.of(batch.rows())).sorted().toArray();
      }
      print("%s: %.3f s per round on average", mode.label(), total / rounds);
    }
  }

  /** The LSH shapes to measure, {@code TxB} from the fifth argument on; the last one is used. */
  private static java.util.List<HyperplaneLsh.Options> shapes(String[] args) {
    if (args.length <= 4) {
      return java.util.List.of(HyperplaneLsh.Options.defaults(1));
    }
    return Arrays.stream(args, 4, args.length)
        .map(a -> a.split("x"))
        .map(p -> new HyperplaneLsh.Options(Integer.parseInt(p[0]), Integer.parseInt(p[1]), 1))
        .toList();
  }

  private static int[] labels(int[] all, int[] rows) {
    return Arrays.stream(rows).map(r -> all[r]).toArray();
  }

  static double recall(int[] approximate, int[] exact, int k) {
    return HyperplaneLshTest.recall(approximate, exact, k);
  }

  private static double seconds(long from) {
    return (System.nanoTime() - from) / 1e9;
  }

  private static void print(String format, Object... args) {
    System.out.printf(Locale.ROOT, format + "%n", args);
  }
}
