package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code winnow run} with a given model (no training): stage folders, manifests, skipping of
 * complete stages, redoing changed ones, and one-line errors with the stack trace in the log.
 */
class RunCliTest {

  @TempDir Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private Path data() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    SyntheticBinaries.writeIdx(data, 60, 20, 8, 8, false, 3);
    return data;
  }

  private Result run(Path data, Path out, String keep, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--data",
                data.toString(),
                "--keep",
                keep,
                "--model",
                "resnet20",
                "--quiet",
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  @Test
  void skipsCompleteStagesAndRedoesTheChangedOneAndThoseAfter() throws IOException {
    Path data = data();
    Path out = dir.resolve("job");
    Result first = run(data, out, "0.5");
    assertEquals(0, first.code(), first.err());
    assertTrue(
        first.out().startsWith("Kept     30 of 60 training samples -> " + out.toAbsolutePath()),
        first.out());
    assertTrue(first.out().contains("Stages   built embed, prune\n"), first.out());
    assertTrue(
        first.out().endsWith("Report   " + out.toAbsolutePath().resolve("report.html") + "\n"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("id=\"inputs\""));
    for (String f : List.of("keep.csv", "groups.csv", "summary.json", "winnow.log")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertEquals(31, Files.readAllLines(out.resolve("keep.csv")).size());
    assertTrue(
        Files.readString(out.resolve("embed/manifest.json")).contains("\"winnow run: embed\""));
    assertFalse(Files.exists(out.resolve("reference")));
    String embedManifest = Files.readString(out.resolve("embed/manifest.json"));
    long embedTime = Files.getLastModifiedTime(out.resolve("embed/embeddings.h5")).toMillis();

    Result again = run(data, out, "0.5");
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("Stages   all up to date\n"), again.out());
    assertTrue(again.err().contains("embed: up to date, skipped"), again.err());

    Result changed = run(data, out, "0.8");
    assertEquals(0, changed.code(), changed.err());
    assertTrue(changed.out().contains("Stages   built prune\n"), changed.out());
    assertTrue(
        changed.err().contains("prune: inputs or options changed (keep), rebuilding"),
        changed.err());
    assertEquals(51, Files.readAllLines(out.resolve("keep.csv")).size());
    assertEquals(embedManifest, Files.readString(out.resolve("embed/manifest.json")));
    assertEquals(
        embedTime, Files.getLastModifiedTime(out.resolve("embed/embeddings.h5")).toMillis());
    assertTrue(Files.readString(out.resolve("winnow.log")).contains("prune: inputs or options"));
  }

  @Test
  void anyRegisteredMethodPrunesWithItsOptionsRenamedWhereRunHasTheName() throws IOException {
    Path data = data();
    Path out = dir.resolve("saln");
    // run's --batch-size is the reference training's, so SALN's is --saln-batch-size here.
    Result r = run(data, out, "0.5", "--method", "saln", "--saln-batch-size", "16", "--no-shuffle");
    assertEquals(0, r.code(), r.err());
    assertEquals(31, Files.readAllLines(out.resolve("keep.csv")).size());
    String manifest = Files.readString(out.resolve("prune/manifest.json"));
    for (String option :
        List.of("\"method\": \"saln\"", "\"batch_size\": \"16\"", "\"shuffle\": \"false\"")) {
      assertTrue(manifest.contains(option), manifest);
    }
    assertTrue(Files.readString(out.resolve("summary.json")).contains("\"method\": \"saln\""));

    // The job's seed seeds a method that draws at random.
    Result random = run(data, out, "0.5", "--method", "random");
    assertEquals(0, random.code(), random.err());
    assertTrue(random.out().contains("Stages   built prune\n"), random.out());
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"method\": \"random\""), summary);
    assertTrue(summary.contains("\"seed\": 2026,"), summary);

    Result batch = run(data, dir.resolve("b"), "0.5", "--method", "saln", "--saln-batch-size", "1");
    assertEquals(2, batch.code(), batch.err());
    assertTrue(
        batch.err().startsWith("winnow: --saln-batch-size must be at least 2, got 1\n"),
        batch.err());
    Result split = run(data, dir.resolve("c"), "0.5", "--max-cluster-size", "1");
    assertEquals(2, split.code(), split.err());
    assertTrue(split.err().startsWith("winnow: --max-cluster-size must be 0 (no limit)"));
    Result unknown = run(data, dir.resolve("d"), "0.5", "--method", "kmeans");
    assertEquals(2, unknown.code(), unknown.err());
    assertTrue(
        unknown.err().startsWith("winnow: unknown method 'kmeans' (known: semantic, random, saln"),
        unknown.err());
    assertFalse(Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("d")));
  }

  @Test
  void errorsAreOneLineWithTheStackTraceInTheLog() throws IOException {
    Path out = dir.resolve("bad");
    Result missing = run(dir.resolve("nothing"), out, "0.5");
    assertEquals(1, missing.code());
    assertEquals(
        "winnow: error: " + dir.resolve("nothing") + ": no such file or directory\n",
        missing.err());
    String log = Files.readString(out.resolve("winnow.log"));
    assertTrue(log.contains("DatasetException"), log);
    assertTrue(log.contains("\tat org.winnow"), log);

    Result range = run(data(), dir.resolve("r"), "1.5");
    assertEquals(2, range.code(), range.err());
    assertTrue(range.err().startsWith("winnow: --keep must be in (0, 1], got 1.5\n"), range.err());

    Result arch =
        WinnowCliTest.run(
            "run", "--keep", "0.5", "--arch", "vgg", "--out", dir.resolve("a").toString());
    assertEquals(2, arch.code(), arch.err());
    assertTrue(
        arch.err().startsWith("winnow: unknown architecture 'vgg' (known: resnet18, resnet32,"),
        arch.err());
  }

  @Test
  void helpHasExamples() {
    for (String cmd : List.of("run", "curve", "demo")) {
      Result h = WinnowCliTest.run(cmd, "--help");
      assertEquals(0, h.code());
      assertTrue(h.out().contains("Examples:"), h.out());
    }
  }
}
