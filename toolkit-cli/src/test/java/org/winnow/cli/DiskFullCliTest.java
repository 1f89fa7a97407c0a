package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.report.ReportFixture;

/**
 * A full disk, for real: a tmpfs of a few KiB, mounted where root may mount one (skipped
 * elsewhere). Prune, report and the embeddings writer behind embed each name the file they could
 * not write and say that the disk is full, in one line.
 */
class DiskFullCliTest {

  @TempDir Path dir;
  private Path disk;

  private Path tinyDisk(int kib) throws Exception {
    disk = Files.createDirectories(dir.resolve("disk"));
    boolean mounted;
    try {
      Process p =
          new ProcessBuilder(
                  "mount", "-t", "tmpfs", "-o", "size=" + kib + "k", "tmpfs", disk.toString())
              .redirectErrorStream(true)
              .start();
      mounted = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      mounted = false;
    }
    if (!mounted) {
      disk = null;
    }
    Assumptions.assumeTrue(mounted, "skipped: cannot mount a tmpfs here (needs root)");
    return disk;
  }

  @AfterEach
  void unmount() throws Exception {
    if (disk != null) {
      new ProcessBuilder("umount", disk.toString()).start().waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** The error: the one line after the progress lines. */
  private static String lastLine(Result r) {
    List<String> lines = r.err().lines().toList();
    assertEquals(
        1,
        lines.stream().filter(l -> l.startsWith("winnow:")).count(),
        "one error line: " + r.err());
    return lines.getLast();
  }

  private static final String FULL =
      ": cannot write: the disk is full (No space left on device); free some space and run the"
          + " same command again";

  @Test
  void pruneNamesTheFileItCouldNotWrite() throws Exception {
    Path emb = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(emb, SyntheticEmbeddings.gaussianClusters(3, 1000, 8, 2, 0.3, 1));
    Path out = tinyDisk(64).resolve("pruned");
    Result r = WinnowCliTest.pruneRandom(emb, out);
    assertEquals(1, r.code(), r.err());
    String error = lastLine(r);
    assertTrue(error.startsWith("winnow: error: " + disk), error);
    assertTrue(error.endsWith(FULL), error);
    assertFalse(error.contains(".tmp-"), "names the file, not a temporary one: " + error);
    assertFalse(Files.exists(out));
  }

  @Test
  void reportNamesTheFileItCouldNotWrite() throws Exception {
    Path emb = ReportFixture.embeddings(dir, 10, null);
    Path pruned = ReportFixture.prune(emb, dir.resolve("pruned"), List.of(0.8));
    Path html = tinyDisk(16).resolve("report.html");
    Result r = WinnowCliTest.run("report", "--run", pruned.toString(), "--out", html.toString());
    assertEquals(1, r.code(), r.err());
    assertEquals("winnow: error: " + html + FULL, lastLine(r));
    assertFalse(Files.exists(html));
    try (var s = Files.list(disk)) {
      assertEquals(
          List.of(), s.filter(p -> p.toString().contains(".tmp-")).toList(), "no temporary file");
    }
  }

  @Test
  void theEmbeddingsWriterSaysMoreThanExceptionWriting() throws Exception {
    Path file = tinyDisk(16).resolve("embeddings.h5");
    DatasetException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            DatasetException.class,
            () ->
                Hdf5EmbeddingsWriter.write(
                    file, SyntheticEmbeddings.gaussianClusters(3, 400, 16, 1, 0.3, 1)));
    assertEquals(file + FULL, e.getMessage());
    assertFalse(Files.exists(file));
  }
}
