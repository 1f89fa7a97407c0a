package org.winnow.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * Timings for BENCHMARKS.md, not a test: one class of 5,000 x 512 unit embeddings end to end
 * (embeddings to the cut, groups and representatives included), the same class through Smile's
 * FastPair driver for comparison, CIFAR-10's shape (10 classes x 5,000 x 512), and the SALN scorer
 * on batches of 256 x 2048. Each timing is repeated; the first run includes JIT warm-up.
 *
 * <p>Modes, each meant for a fresh JVM started as the launcher starts one (plain {@code java}, not
 * inside Maven, whose own classes and threads slow a cold run by a fifth; BENCHMARKS.md has the
 * command):
 *
 * <ul>
 *   <li>{@code cold}: only the first end-to-end run of the one class, from the embeddings in memory
 *       to the cut, with BLAS loaded on the way (nothing else to overlap it with);
 *   <li>{@code parts}: the stages of that first run one by one (BLAS set-up, unit rows, distance
 *       matrix, NN chain, cut and representatives);
 *   <li>{@code make FILE}: writes that class as an embeddings file, for {@code file};
 *   <li>{@code file FILE}: what {@code winnow prune --method semantic --keep 0.9} does with the
 *       file, with its stage timings: reading (BLAS loads meanwhile), selecting, writing;
 *   <li>no argument: every row of the table, each repeated in one JVM.
 * </ul>
 */
public final class PruneBenchmark {

  private PruneBenchmark() {}

  /** The first line of every benchmark's output: the JVM, its processors and heap. */
  static void printMachine() {
    System.out.printf(
        Locale.ROOT,
        "java %s, %d processors, max heap %d MiB%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Runs every timing and prints one line each. */
  public static void main(String[] args) throws IOException {
    printMachine();
    String mode = args.length > 0 ? args[0] : "all";
    if (mode.equals("file")) {
      file(Path.of(args[1]));
      return;
    }
    EmbeddingSet one = SyntheticEmbeddings.gaussianClusters(1, 5000, 512, 50, 1.0, 1);
    if (mode.equals("make")) {
      Hdf5EmbeddingsWriter.write(Path.of(args[1]), one);
      return;
    }
    if (mode.equals("cold")) {
      time("semantic, 1 class x 5,000 x 512, first run", () -> semantic(one, 0));
      return;
    }
    if (mode.equals("parts")) {
      parts(one);
      return;
    }
    for (int rep = 0; rep < 3; rep++) {
      time("semantic, 1 class x 5,000 x 512, NN-chain", () -> semantic(one, 0));
    }
    for (int rep = 0; rep < 2; rep++) {
      double[][] unit = Cosine.unitRows(one.vectors(), SemanticSelector.identity(5000));
      time(
          "  of which the BLAS distance matrix (NN chain)", () -> Cosine.dissimilarityMatrix(unit));
      time("  the BLAS distance triangle (FastPair)", () -> Cosine.dissimilarityTriangle(unit));
      time(
          "  Smile FastPair driver on the same class",
          () -> CompleteLinkageTree.fit(unit, CompleteLinkageTree.Engine.FAST_PAIR));
    }
    EmbeddingSet ten = SyntheticEmbeddings.gaussianClusters(10, 5000, 512, 50, 1.0, 2);
    for (int rep = 0; rep < 2; rep++) {
      time("semantic, 10 classes x 5,000 x 512", () -> semantic(ten, 0));
    }
    time(
        "random, 10 classes x 5,000 x 512 (groups included)",
        () -> new RandomSelector(1).select(ten, List.of(0.9), Progress.NONE));

    EmbeddingSet big = SyntheticEmbeddings.gaussianClusters(1, 256 * 21, 2048, 20, 1.0, 3);
    float[][][] batches = new float[21][][];
    for (int b = 0; b < 21; b++) {
      batches[b] = java.util.Arrays.copyOfRange(big.vectors(), 256 * b, 256 * (b + 1));
    }
    FiedlerScorer.select(batches[0], 0.2);
    long t0 = System.nanoTime();
    for (int b = 1; b < 21; b++) {
      FiedlerScorer.select(batches[b], 0.2);
    }
    System.out.printf(
        Locale.ROOT,
        "%-55s %8.1f ms per batch (mean of 20)%n",
        "SALN scorer, batch of 256 x 2048",
        (System.nanoTime() - t0) / 1e6 / 20);
  }

  /** {@code winnow prune --method semantic --keep 0.9} on a file, into a temporary folder. */
  private static void file(Path embeddings) throws IOException {
    Path out = Files.createTempDirectory("prune-benchmark");
    Pruning.Report report =
        Pruning.run(
            new Pruning.Request(
                embeddings,
                new SemanticSelector(SemanticSelector.Options.defaults()),
                List.of(0.9),
                out.resolve("out"),
                false,
                "benchmark"),
            Progress.NONE);
    Pruning.Timings t = report.timings();
    System.out.printf(
        Locale.ROOT,
        "prune --method semantic --keep 0.9 on %s: read %.3f s, select %.3f s, write %.3f s%n",
        embeddings.getFileName(),
        t.read(),
        t.select(),
        t.write());
    AtomicFiles.deleteTree(out);
  }

  /** The stages of {@link SemanticSelector}'s work on one class, each timed on its first run. */
  private static void parts(EmbeddingSet one) {
    int n = one.size();
    time("  BLAS set-up (a first product of 2 x 2)", () -> Cosine.similarity(new double[2][2]));
    double[][][] unit = new double[1][][];
    time(
        "  unit rows",
        () -> unit[0] = Cosine.unitRows(one.vectors(), SemanticSelector.identity(n)));
    float[][][] d = new float[1][][];
    time("  distance matrix", () -> d[0] = Cosine.dissimilarityMatrix(unit[0]));
    time("  NN chain", () -> NearestNeighbourChain.onMatrix(d[0]));
    d[0] = null;
    CompleteLinkageTree tree =
        CompleteLinkageTree.fit(unit[0], CompleteLinkageTree.Engine.NN_CHAIN);
    time(
        "  cut and representatives (after a second, untimed tree)",
        () -> {
          int k = ClassQuota.keep(n, 0.9);
          Groups.of(n).fromClusters(SemanticSelector.identity(n), unit[0], tree.cut(k), k, 0);
        });
  }

  private static void semantic(EmbeddingSet data, int threads) {
    new SemanticSelector(
            new SemanticSelector.Options(0, threads, 0, CompleteLinkageTree.Engine.NN_CHAIN))
        .select(data, List.of(0.9), Progress.NONE);
  }

  private static void time(String what, Runnable r) {
    long t0 = System.nanoTime();
    r.run();
    System.out.printf(Locale.ROOT, "%-55s %8.3f s%n", what, (System.nanoTime() - t0) / 1e9);
  }
}
