package org.winnow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entry point's {@code embed} command: options checked before any Spark session starts. */
class WinnowSparkTest {

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        WinnowSpark.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void embedsBadOptionIsOneLineWithExitTwoAndNothingWritten() {
    Path out = dir.resolve("out");
    // no master is given: were a session started, Spark itself would fail on the missing master
    Run r =
        run(
            "embed",
            "--data",
            dir.toString(),
            "--model",
            "resnet20",
            "--batch-size",
            "0",
            "--out",
            out.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("winnow spark embed: batch size must be at least 1"), r.err());
    assertTrue(Files.notExists(out));

    Run neither = run("embed", "--model", "resnet20", "--out", out.toString());
    assertEquals(2, neither.exit(), neither.err());
    assertTrue(
        neither.err().contains("exactly one of --manifest FILE and --data DIR"), neither.err());
  }

  @Test
  void embedsHelpPrintsItsUsageWithoutSpark() {
    Run r = run("embed", "--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Usage: WinnowSpark embed"), r.out());
    assertTrue(r.out().contains("class folders, IDX or CIFAR"), r.out());
  }

  @Test
  void theVersionIsTheBuildsFromClassesAsFromTheJar() {
    // the manifests of prune and embed record it; a run from classes once wrote "dev" or "unknown"
    assertTrue(WinnowSpark.version().matches("\\d+\\.\\d+\\.\\d+.*"), WinnowSpark.version());
  }
}
