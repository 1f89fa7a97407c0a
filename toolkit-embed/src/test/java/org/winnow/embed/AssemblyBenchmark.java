package org.winnow.embed;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;

/**
 * The assembly benchmark whose numbers are in BENCHMARKS.md: the peak heap and time of writing the
 * final embeddings file from shards ({@link
 * org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter#assemble}). It writes {@code ROWS × DIM}
 * seeded random floats as shards of {@code SHARD} rows into {@code DIR}, then resets the heap
 * pools' peaks and assembles them. Run it in a JVM whose heap is far below the data, e.g.:
 *
 * <pre>
 * java -Xmx64m -cp CLASSPATH org.winnow.embed.AssemblyBenchmark DIR ROWS DIM [SHARD]
 * </pre>
 */
public final class AssemblyBenchmark {

  private AssemblyBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException, InterruptedException {
    Path dir = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int shardSize = args.length > 3 ? Integer.parseInt(args[3]) : EmbedOptions.DEFAULT_SHARD_SIZE;
    Path out = dir.resolve("assembled.h5");
    Files.deleteIfExists(out);
    ShardFolder shards =
        ShardFolder.open(
            ShardFolder.folderFor(out), "bench", "bench", "bench", rows, shardSize, true);
    SplittableRandom random = new SplittableRandom(42);
    for (int k = 0; k < shards.shardCount(); k++) {
      float[][] block = new float[shards.rowsOf(k)][dim];
      String[] ids = new String[block.length];
      for (int i = 0; i < block.length; i++) {
        for (int c = 0; c < dim; c++) {
          block[i][c] = (float) random.nextDouble();
        }
        ids[i] = "sample-" + (shards.firstRow(k) + i);
      }
      shards.write(k, block, new int[block.length], ids);
    }
    int[] labels = new int[rows];
    String[] ids = new String[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = i % 10;
      ids[i] = "sample-" + i;
    }
    List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    EmbeddingsHeader header =
        new EmbeddingsHeader("bench", "l", "d", "f", "all", "c", "v", "bench", "p", "{}");

    System.gc();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean done = new AtomicBoolean();
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!done.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    LockSupport.parkNanos(1_000_000);
                  }
                });
    long t0 = System.nanoTime();
    shards.assemble(out, labels, List.of(ids), classes, header.attributes());
    double seconds = (System.nanoTime() - t0) / 1e9;
    done.set(true);
    sampler.join();
    long data = (long) rows * dim * Float.BYTES;
    System.out.printf(
        Locale.ROOT,
        "%,d x %d float32 (%,.0f MiB) from %d shards of %,d rows: %.1f s, %,.0f MiB/s;"
            + " heap: max %,.0f MiB, used before %,.1f MiB, peak used during %,.1f MiB"
            + " (sampled every ms, garbage included); file %,.0f MiB%n",
        rows,
        dim,
        data / 1048576.0,
        shards.shardCount(),
        shardSize,
        seconds,
        data / 1048576.0 / seconds,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        before / 1048576.0,
        peak.get() / 1048576.0,
        Files.size(out) / 1048576.0);
    int last = shards.shardCount() - 1;
    float[][] expected = EmbeddingSource.of(shards.shard(last)).read().vectors();
    try (HdfFile f = new HdfFile(out)) {
      Object got =
          f.getDatasetByPath("embeddings")
              .getData(new long[] {shards.firstRow(last), 0}, new int[] {expected.length, dim});
      if (!Arrays.deepEquals(expected, (float[][]) got)) {
        throw new IllegalStateException("the last shard's rows differ in " + out);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "last shard's rows read back equal, at byte offset %,d of /embeddings%n",
        (long) shards.firstRow(last) * dim * Float.BYTES);
    shards.delete();
    AtomicFiles.deleteTree(out);
  }
}
