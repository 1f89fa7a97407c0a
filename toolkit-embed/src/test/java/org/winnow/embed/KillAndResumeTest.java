package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5Embeddings;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * A real {@code kill -9}: a child JVM embeds with tiny shards and is killed ({@link
 * Process#destroyForcibly}, SIGKILL) once a shard is complete; every file it leaves is complete or
 * a hidden temporary, and the same command run again gives the values of an uninterrupted run.
 */
class KillAndResumeTest {

  @TempDir Path dir;

  static EmbedOptions options() {
    return EmbedOptions.defaults("resnet20")
        .withSplit(java.util.Optional.empty())
        .withBatchSize(4)
        .withShardSize(8)
        .withDevice(DeviceChoice.CPU)
        .withSeed(7)
        .withWorkers(1);
  }

  /**
   * Embeds {@code args[0]} into {@code args[1]}, sleeping {@code args[2]} ms after each batch so
   * that the parent can kill it mid-run; prints the rows it resumed.
   */
  public static void main(String[] args) {
    long pause = Long.parseLong(args[2]);
    Progress slow = Progress.onAdvance(amount -> pause(pause));
    Embedder.Result r =
        Embedder.embed(Datasets.open(Path.of(args[0])), options(), Path.of(args[1]), "t", slow);
    System.out.println("resumed " + r.resumedRows());
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aKilledRunResumesToTheValuesOfAnUninterruptedOne() throws Exception {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 80, 16, 12, 12, false, 9);
    Path whole = dir.resolve("whole.h5");
    Embedder.embed(Datasets.open(data), options(), whole, "t", Progress.NONE);

    Path out = dir.resolve("out").resolve("e.h5");
    Path shards = ShardFolder.folderFor(out);
    String[] args = {data.toString(), out.toString(), "40"};
    Process child = ForkedJvm.start(KillAndResumeTest.class, "512m", dir.resolve("1.log"), args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(shards.resolve("shard-00000.h5")) && child.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "no shard within 120 s");
      Thread.sleep(5);
    }
    assertTrue(child.isAlive(), Files.readString(dir.resolve("1.log")));
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    assertFalse(Files.exists(out), "killed before the final file");
    int complete = 0;
    try (Stream<Path> left = Files.list(out.getParent())) {
      for (Path p : left.toList()) {
        assertEquals(shards, p, "only the shard folder is left, no temporary beside the output");
      }
    }
    try (Stream<Path> left = Files.list(shards)) {
      for (Path p : left.toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // a temporary of a shard being written at the kill, swept by the rerun
        }
        assertTrue(name.matches("shard-\\d{5}\\.h5"), name);
        int k = Integer.parseInt(name.substring(6, 11));
        try (HdfFile f = new HdfFile(p)) {
          assertArrayEquals(
              new int[] {8, 64}, f.getDatasetByPath("embeddings").getDimensions(), name);
          assertEquals(8, ((int[]) f.getDatasetByPath("labels").getData()).length, name);
          assertEquals(
              String.valueOf(8 * k),
              new Hdf5Embeddings(p).attributes().get("first_row"),
              name + " is complete");
        }
        complete++;
      }
    }
    assertTrue(complete >= 1 && complete < 12, complete + " complete shards of 12");

    Process again = ForkedJvm.start(KillAndResumeTest.class, "512m", dir.resolve("2.log"), args);
    assertTrue(again.waitFor(120, TimeUnit.SECONDS));
    String log = Files.readString(dir.resolve("2.log"));
    assertEquals(0, again.exitValue(), log);
    assertTrue(log.contains("resumed " + 8 * complete), complete + " shards, but: " + log);

    EmbeddingSet a = EmbeddingSource.of(whole).read();
    EmbeddingSet b = EmbeddingSource.of(out).read();
    assertEquals(a.ids(), b.ids());
    assertArrayEquals(a.labels(), b.labels());
    assertEquals(96, b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.vectors()[i], b.vectors()[i], "row " + i);
    }
    assertEquals(
        a.attributes().get(EmbeddingsHeader.INDEX_SHA256),
        b.attributes().get(EmbeddingsHeader.INDEX_SHA256));
    try (Stream<Path> left = Files.list(out.getParent())) {
      assertEquals(List.of(out), left.toList(), "shards and temporaries are gone");
    }
  }
}
