package org.winnow.datasets.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.folder.SyntheticFolders;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * The dataset-reader benchmark whose numbers are in BENCHMARKS.md. Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl datasets test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.winnow.datasets.bench.DatasetBenchmark [-Dexec.args="WORKDIR"]
 * </pre>
 *
 * <p>It writes its inputs (10,000 random 32x32 PNGs, 1,000 random 500x375 JPEGs, a synthetic
 * CIFAR-10 of 60,000 records) into WORKDIR (default: a temporary folder, deleted afterwards), and
 * reads Debian's full Fashion-MNIST from /usr/share/datasets/fashion-mnist when it is installed.
 * Each measurement is one warm-up and seven timed runs; it prints the median and the fastest.
 */
public final class DatasetBenchmark {

  private static final int RUNS = 7;

  private DatasetBenchmark() {}

  /** Runs every measurement and prints a Markdown table. */
  public static void main(String[] args) throws IOException {
    Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("winnow-bench");
    boolean cleanup = args.length == 0;
    List<String> rows = new ArrayList<>();
    try {
      Path fmnist = Path.of("/usr/share/datasets/fashion-mnist");
      if (Files.isDirectory(fmnist)) {
        rows.add(load("IDX: Debian Fashion-MNIST, 70,000 images (gzip)", fmnist));
      } else {
        rows.add(
            "| IDX: Debian Fashion-MNIST | not installed (apt-get install dataset-fashion-mnist) | | |");
      }
      Path cifar = work.resolve("cifar10");
      if (!Files.exists(cifar)) {
        SyntheticBinaries.writeCifar10(cifar, 5, 10_000, 10_000, 1);
      }
      rows.add(load("CIFAR-10 binary: 60,000 images (synthetic, same layout)", cifar));

      Path pngs = work.resolve("png-10k");
      if (!Files.exists(pngs)) {
        SyntheticFolders.writePngs(pngs, 10, 1_000, 32, 1);
      }
      rows.add(decode("Folder: 10,000 PNG 32x32", pngs));
      Path jpegs = work.resolve("jpeg-1k");
      if (!Files.exists(jpegs)) {
        SyntheticFolders.writeJpegs(jpegs, 10, 100, 500, 375, 1);
      }
      rows.add(decode("Folder: 1,000 JPEG 500x375", jpegs));
    } finally {
      if (cleanup) {
        AtomicFiles.deleteTree(work);
      }
    }
    System.out.println();
    System.out.printf(
        "Java %s, %d cores%n%n", Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.println("| input | median | fastest | rate (median) |");
    System.out.println("|---|---|---|---|");
    rows.forEach(System.out::println);
  }

  /** Time to open (read and parse every record of) a binary dataset. */
  private static String load(String label, Path root) {
    int[] count = new int[1];
    double[] seconds =
        time(
            () -> {
              ImageDataset ds = Datasets.open(root);
              count[0] = ds.samples().size();
              return ds;
            });
    return row(label, seconds, count[0]);
  }

  /** Time to scan a folder and decode every image once into a CHW array, on all cores. */
  private static String decode(String label, Path root) {
    int[] count = new int[1];
    double[] seconds =
        time(
            () -> {
              ImageDataset ds = Datasets.open(root);
              count[0] = ds.samples().size();
              return ds.samples().parallelStream()
                  .mapToLong(s -> ds.decode(s).pixels().length)
                  .sum();
            });
    return row(label + " (scan + decode to CHW, all cores)", seconds, count[0]);
  }

  private static double[] time(Supplier<Object> work) {
    work.get();
    double[] seconds = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      work.get();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds;
  }

  private static String row(String label, double[] sorted, int images) {
    double median = sorted[sorted.length / 2];
    String r =
        String.format(
            "| %s | %.3f s | %.3f s | %,.0f images/s |", label, median, sorted[0], images / median);
    System.out.println(r);
    return r;
  }
}
