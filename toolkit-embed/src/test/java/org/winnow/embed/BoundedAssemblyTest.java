package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;

/**
 * The final file is assembled from shards in bounded memory: a JVM with a 64 MiB heap assembles 256
 * MiB of embeddings, which the former in-memory assembly (one {@code float[N][D]}) could not.
 */
class BoundedAssemblyTest {

  static final int ROWS = 65_536;
  static final int DIM = 1024;
  static final int SHARD = 4096;
  static final String HEAP = "64m";

  @TempDir Path dir;

  /** The value of row {@code r}, column {@code c}: distinct, and not a multiple of the zeros. */
  static float value(int r, int c) {
    return r + c / 1024f + 0.5f;
  }

  static ShardFolder shards(Path dir, boolean discard) throws IOException {
    return ShardFolder.open(dir, "index", "model", "run", ROWS, SHARD, discard);
  }

  /** Assembles the shards in {@code args[0]} into {@code args[1]}, in a JVM with a small heap. */
  public static void main(String[] args) throws IOException {
    ShardFolder shards = shards(Path.of(args[0]), false);
    if (shards.completeShards() != shards.shardCount()) {
      throw new IllegalStateException("shards missing in " + args[0]);
    }
    int[] labels = new int[ROWS];
    String[] ids = new String[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = i % 3;
      ids[i] = "s" + i;
    }
    shards.assemble(
        Path.of(args[1]),
        labels,
        List.of(ids),
        List.of("a", "b", "c"),
        new EmbeddingsHeader("m", "l", "d", "f", "all", "c", "v", "index", "p", "{}").attributes());
    System.out.println("max heap " + Runtime.getRuntime().maxMemory());
  }

  @Test
  void aSmallHeapAssemblesEmbeddingsSeveralTimesItsSize() throws Exception {
    long bytes = (long) ROWS * DIM * Float.BYTES;
    assertTrue(bytes >= 4L * 64 * 1024 * 1024, "the data is at least four heaps");
    Path folder = dir.resolve("e.h5.shards");
    ShardFolder shards = shards(folder, true);
    for (int k = 0; k < shards.shardCount(); k++) {
      float[][] rows = new float[shards.rowsOf(k)][DIM];
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < DIM; c++) {
          rows[i][c] = value(shards.firstRow(k) + i, c);
        }
      }
      String[] ids = new String[rows.length];
      java.util.Arrays.setAll(ids, i -> "s" + i);
      shards.write(k, rows, new int[rows.length], ids);
    }

    Path out = dir.resolve("e.h5");
    Path log = dir.resolve("child.log");
    Process child =
        ForkedJvm.start(BoundedAssemblyTest.class, HEAP, log, folder.toString(), out.toString());
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "assembly finished");
    String output = Files.readString(log);
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("max heap "), output);
    long maxHeap = Long.parseLong(output.substring(output.indexOf("max heap ") + 9).strip());
    assertTrue(maxHeap * 3 < bytes, "heap " + maxHeap + " is well below " + bytes + " bytes");

    var summary = EmbeddingSource.of(out).summarize();
    assertEquals(ROWS, summary.rows());
    assertEquals(DIM, summary.dimension());
    try (HdfFile f = new HdfFile(out)) {
      Dataset d = f.getDatasetByPath("embeddings");
      for (int r0 = 0; r0 < ROWS; r0 += 8192) {
        float[][] block = (float[][]) d.getData(new long[] {r0, 0}, new int[] {8192, DIM});
        for (int i = 0; i < block.length; i++) {
          for (int c = 0; c < DIM; c++) {
            if (block[i][c] != value(r0 + i, c)) {
              assertEquals(value(r0 + i, c), block[i][c], "row " + (r0 + i) + " column " + c);
            }
          }
        }
      }
    }
  }
}
