package org.winnow.prune;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.winnow.datasets.Progress;
import org.winnow.prune.SemDeDupSelector.Options;
import org.winnow.prune.SemDeDupSelector.Prefer;

/**
 * SemDeDup at scale: unit vectors with near-duplicates planted at a known rate ({@link
 * PlantedDuplicates}), deduplicated at one ε; prints the time of k-means and of the scan, the
 * largest cluster, the heap in use after each step, and precision and recall against the planted
 * truth. With an output folder it also writes the rows ({@code x.f32}, little-endian) and the truth
 * ({@code original.i32}) for {@code semdedup_reference.py}. Commands and results: BENCHMARKS.md.
 *
 * <p>Arguments: {@code n dim blobs clusters epsilon rate noise [out]}.
 */
public final class SemDeDupBenchmark {

  private SemDeDupBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    int n = Integer.parseInt(args[0]);
    int dim = Integer.parseInt(args[1]);
    int blobs = Integer.parseInt(args[2]);
    int k = Integer.parseInt(args[3]);
    double eps = Double.parseDouble(args[4]);
    double rate = Double.parseDouble(args[5]);
    double noise = Double.parseDouble(args[6]);
    long t0 = System.nanoTime();
    PlantedDuplicates planted = PlantedDuplicates.generate(n, dim, 10, blobs, rate, noise, 1);
    System.out.printf(
        Locale.ROOT,
        "generated %,d x %d (%,d planted duplicates) in %.1f s; heap in use %s%n",
        n,
        dim,
        planted.duplicates(),
        seconds(t0),
        heap());
    if (args.length > 7) {
      write(Path.of(args[7]), planted);
    }
    SemDeDupSelector selector =
        new SemDeDupSelector(new Options(k, Prefer.HARD, List.of(eps), false, 1));
    long t1 = System.nanoTime();
    int[][] clusters = selector.clusters(planted.data());
    double kmeans = seconds(t1);
    int largest = Arrays.stream(clusters).mapToInt(c -> c.length).max().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "k-means (K = %d, fitted on %,d rows, all assigned): %.1f s; largest cluster %,d;"
            + " heap in use %s%n",
        k,
        Math.min(n, DuplicateScan.fitSample(k)),
        kmeans,
        largest,
        heap());
    long t2 = System.nanoTime();
    Selection s = selector.select(planted.data(), clusters, List.of(), Progress.NONE).getFirst();
    double scan = seconds(t2);
    double[] pr = planted.precisionRecall(s);
    System.out.printf(
        Locale.ROOT,
        "scan at eps %s: %.1f s; kept %,d (%.4f); precision %.5f, recall %.5f; heap in use %s;"
            + " total %.1f s%n",
        KeepFractions.format(eps),
        scan,
        s.keptRows().length,
        s.fraction(),
        pr[0],
        pr[1],
        heap(),
        kmeans + scan);
  }

  private static double seconds(long from) {
    return (System.nanoTime() - from) / 1e9;
  }

  /** The heap in use and the largest it may grow to, in MiB. */
  private static String heap() {
    var usage = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return (usage.getUsed() >> 20) + " of " + (usage.getMax() >> 20) + " MiB";
  }

  private static void write(Path dir, PlantedDuplicates planted) throws IOException {
    Files.createDirectories(dir);
    float[][] v = planted.data().vectors();
    try (FileChannel ch =
        FileChannel.open(
            dir.resolve("x.f32"),
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(v[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float[] row : v) {
        b.clear();
        b.asFloatBuffer().put(row);
        ch.write(b);
      }
    }
    ByteBuffer o = ByteBuffer.allocate(v.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    o.asIntBuffer().put(planted.original());
    Files.write(dir.resolve("original.i32"), o.array());
  }
}
