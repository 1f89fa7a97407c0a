package org.winnow.spark.prune;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * The local-mode benchmark of {@code WinnowSpark prune} (BENCHMARKS.md, "Spark"): {@code make}
 * writes seeded synthetic embeddings as an HDF5 file (for {@code winnow prune}) and as Parquet
 * parts (for Spark); {@code prune} runs the Spark job on a local master and reports wall time, the
 * shuffle bytes written and the peak execution memory of its tasks (Spark's task metrics), and the
 * JVM's peak heap.
 *
 * <pre>
 * make DIR N DIM CLASSES [SPREAD]          DIR/emb.h5 and DIR/parquet (50 blobs per class)
 * prune MASTER WinnowSpark prune options  e.g. local[2] --embeddings DIR/parquet --method ...
 * </pre>
 */
public final class SparkPruneBenchmark {

  private SparkPruneBenchmark() {}

  /** Runs {@code make} or {@code prune}. */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "make" -> make(args);
      case "prune" -> prune(args);
      default -> throw new IllegalArgumentException("make or prune, not " + args[0]);
    }
  }

  private static SparkSession session(String master) {
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName("SparkPruneBenchmark")
            .config("spark.ui.enabled", "false")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  private static void make(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    int dim = Integer.parseInt(args[3]);
    int classes = Integer.parseInt(args[4]);
    double spread = args.length > 5 ? Double.parseDouble(args[5]) : 0.4;
    EmbeddingSet set =
        SyntheticEmbeddings.gaussianClusters(classes, n / classes, dim, 50, spread, 2026);
    Hdf5EmbeddingsWriter.write(dir.resolve("emb.h5"), set);
    try (SparkSession spark = session("local[2]")) {
      ParquetParts.write(
          spark,
          dir.resolve("parquet"),
          set.ids(),
          set.labels(),
          set.classNames(),
          set.vectors(),
          Math.max(1, n / 50_000));
    }
    System.out.printf(Locale.ROOT, "wrote %,d x %d in %d classes to %s%n", n, dim, classes, dir);
  }

  private static void prune(String[] args) throws Exception {
    AtomicLong shuffle = new AtomicLong();
    AtomicLong peakTask = new AtomicLong();
    AtomicLong tasks = new AtomicLong();
    try (SparkSession spark = session(args[1])) {
      spark
          .sparkContext()
          .addSparkListener(
              new SparkListener() {
                @Override
                public void onTaskEnd(SparkListenerTaskEnd end) {
                  if (end.taskMetrics() == null) {
                    return;
                  }
                  tasks.incrementAndGet();
                  shuffle.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
                  peakTask.accumulateAndGet(end.taskMetrics().peakExecutionMemory(), Math::max);
                }
              });
      List<MemoryPoolMXBean> heap =
          ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == MemoryType.HEAP)
              .toList();
      heap.forEach(MemoryPoolMXBean::resetPeakUsage);
      SparkPrune.Report r =
          SparkPrune.run(
              spark, PruneArguments.parse(Arrays.asList(args).subList(2, args.length)), System.out);
      long peakHeap = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.printf(
          Locale.ROOT,
          "spark %s on %s: %.1f s wall, kept %s of %,d; shuffle written %,d MiB over %,d tasks;"
              + " largest task peak execution memory %,d MiB; JVM peak heap %,d MiB (sum of pool"
              + " peaks)%n",
          spark.version(),
          args[1],
          r.seconds(),
          r.kept(),
          r.total(),
          shuffle.get() >> 20,
          tasks.get(),
          peakTask.get() >> 20,
          peakHeap >> 20);
    }
  }
}
