package org.winnow.prune;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * Timings for BENCHMARKS.md, not a test: {@link NearestNeighbours#search} of {@code Q} queries
 * against {@code N} base rows of dimension {@code D}, top {@code k}, on seeded Gaussian clusters
 * ({@link SyntheticEmbeddings#gaussianClusters}, 50 blobs, unit rows). With a folder as fifth
 * argument it also writes the queries, the base (little-endian float64) and the neighbours found,
 * for {@code nn_reference.py} to time NumPy and scikit-learn on the same rows and compare.
 *
 * <p>Arguments: {@code Q N D k [folder]}; BENCHMARKS.md has the command.
 */
public final class NearestNeighboursBenchmark {

  private NearestNeighboursBenchmark() {}

  /** Runs one warm-up on a small problem (BLAS loads), then the timed search, twice. */
  public static void main(String[] args) throws IOException {
    int q = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    PruneBenchmark.printMachine();
    double[][] queries = unit(SyntheticEmbeddings.gaussianClusters(1, q, dim, 50, 0.5, 1));
    double[][] base = unit(SyntheticEmbeddings.gaussianClusters(1, n, dim, 50, 0.5, 2));
    NearestNeighbours.search(
        java.util.Arrays.copyOf(queries, 600), java.util.Arrays.copyOf(base, 600), k);
    NearestNeighbours.Neighbours found = null;
    for (int run = 1; run <= 2; run++) {
      long start = System.nanoTime();
      found = NearestNeighbours.search(queries, base, k);
      System.out.printf(
          Locale.ROOT,
          "run %d: %,d x %d queries against %,d, k = %d: %.2f s%n",
          run,
          q,
          dim,
          n,
          k,
          (System.nanoTime() - start) / 1e9);
    }
    if (args.length > 4) {
      Path dir = Path.of(args[4]);
      Files.createDirectories(dir);
      write(dir.resolve("queries.f64"), queries);
      write(dir.resolve("base.f64"), base);
      try (var out = Files.newBufferedWriter(dir.resolve("java-indices.txt"))) {
        for (int i = 0; i < found.queries(); i++) {
          StringBuilder line = new StringBuilder();
          for (int r = 0; r < k; r++) {
            line.append(r == 0 ? "" : " ").append(found.index(i, r));
          }
          out.write(line.append('\n').toString());
        }
      }
    }
  }

  private static double[][] unit(EmbeddingSet set) {
    return Cosine.unitRows(set.vectors(), SemanticSelector.identity(set.size()));
  }

  static void write(Path file, double[][] rows) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteBuffer b =
          ByteBuffer.allocate(rows[0].length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (double[] row : rows) {
        b.clear();
        for (double v : row) {
          b.putDouble(v);
        }
        out.write(b.array());
      }
    }
  }
}
