package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * {@code winnow curve} with real (tiny) training on a synthetic 8x8 dataset, and {@code winnow run}
 * with its reference training: outputs, reruns, refusals and one-line errors.
 */
class CurveCliTest {

  @TempDir static Path dir;
  private static Path data;
  private static Path embeddings;
  private static Path job;

  @BeforeAll
  static void dataAndEmbeddings() throws IOException {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
    data = dir.resolve("data");
    Files.createDirectories(data);
    SyntheticBinaries.writeIdx(data, 60, 20, 8, 8, false, 5);
    job = dir.resolve("job");
    Result r = runJob(job, "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Stages   built reference, embed, prune\n"), r.out());
    assertTrue(Files.isRegularFile(job.resolve("reference/run/result.json")));
    embeddings = job.resolve("embed/embeddings.h5");
  }

  private static Result runJob(Path out, String epochs) {
    return WinnowCliTest.run(
        "run",
        "--data",
        data.toString(),
        "--keep",
        "0.5",
        "--epochs",
        epochs,
        "--batch-size",
        "32",
        "--quiet",
        "--out",
        out.toString());
  }

  @Test
  void aChangedTrainingOptionRedoesTheReferenceAndEveryStageAfterIt() throws IOException {
    Result same = runJob(job, "1");
    assertEquals(0, same.code(), same.err());
    assertTrue(same.out().contains("Stages   all up to date\n"), same.out());

    Path copy = dir.resolve("job-copy");
    org.winnow.datasets.AtomicFiles.deleteTree(copy);
    // A later test reads the job's embeddings: change a copy, not the job itself.
    try (var walk = Files.walk(job)) {
      for (Path p : walk.toList()) {
        Files.copy(p, copy.resolve(job.relativize(p).toString()));
      }
    }
    Result changed = runJob(copy, "2");
    assertEquals(0, changed.code(), changed.err());
    assertTrue(changed.out().contains("Stages   built reference, embed, prune\n"), changed.out());
    assertTrue(
        changed
            .err()
            .contains("reference: inputs or options changed (epochs, warmup_epochs), rebuilding"),
        changed.err());
    assertTrue(
        changed.err().contains("embed: inputs or options changed (reference_stage.sha256)"),
        changed.err());
  }

  private static Result curve(Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "curve",
                "--data",
                data.toString(),
                "--embeddings",
                embeddings.toString(),
                "--fractions",
                "1.0,0.5",
                "--trials",
                "1",
                "--epochs",
                "1",
                "--batch-size",
                "32",
                "--quiet",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  @Test
  void measuresACurveAndSkipsItOnARerunButRefusesOtherOptions() throws IOException {
    Path out = dir.resolve("curve");
    Result r = curve(out);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Trained  3 of 3 runs"), r.out());
    List<String> runs = Files.readAllLines(out.resolve("runs.csv"));
    assertEquals(4, runs.size(), runs.toString());
    assertTrue(runs.get(1).startsWith("full,1,1,2026,60,"), runs.get(1));
    List<String> points = Files.readAllLines(out.resolve("curve.csv"));
    assertEquals(5, points.size(), points.toString());
    assertTrue(points.get(2).startsWith("semantic,0.5,30,"), points.get(2));
    assertTrue(Files.readString(out.resolve("winnow.log")).contains("run 2/3 semantic-0.5-t1"));
    assertTrue(Files.readString(out.resolve("curve.svg")).contains("<svg"));

    Result again = curve(out);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("Trained  0 of 3 runs"), again.out());

    Result other = curve(out, "--lr", "0.1");
    assertEquals(1, other.code());
    assertEquals(
        "winnow: error: "
            + out.toAbsolutePath()
            + ": holds a curve made with other options or inputs (differing: train.lr); rerun it"
            + " with the same ones, or choose another --out\n",
        other.err());
  }

  @Test
  void badOptionsAndForeignEmbeddingsAreOneLine() throws IOException {
    Result fraction = curve(dir.resolve("f"), "--fractions", "1.5");
    assertEquals(2, fraction.code());
    assertTrue(fraction.err().startsWith("winnow: --fractions: each must be in (0, 1], got 1.5\n"));

    Result method = curve(dir.resolve("m"), "--methods", "kmeans");
    assertEquals(2, method.code());
    assertTrue(method.err().startsWith("winnow: unknown curve method 'kmeans'"), method.err());

    Path other = dir.resolve("other");
    Files.createDirectories(other);
    SyntheticBinaries.writeIdx(other, 70, 20, 8, 8, false, 5);
    Result foreign =
        WinnowCliTest.run(
            "curve",
            "--data",
            other.toString(),
            "--embeddings",
            embeddings.toString(),
            "--fractions",
            "0.5",
            "--quiet",
            "--out",
            dir.resolve("foreign").toString());
    assertEquals(1, foreign.code());
    assertEquals(1, foreign.err().lines().count(), foreign.err());
    assertTrue(foreign.err().contains(": embeddings of another dataset"), foreign.err());
  }
}
