package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.report.ReportFixture;

/** {@code winnow report}, run in-process as the launcher does. */
class ReportCliTest {

  @TempDir Path dir;

  @Test
  void writesTheReportIntoTheRunFolder() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 10, null);
    Path pruned = ReportFixture.prune(emb, dir.resolve("pruned"), List.of(0.8));
    ReportFixture.curve(pruned.resolve("curve.csv"));
    Result r = WinnowCliTest.run("report", "--run", pruned.toString());
    assertEquals(0, r.code(), r.err());
    Path html = pruned.resolve("report.html");
    assertTrue(r.out().startsWith("Wrote " + html.toAbsolutePath() + " (1 section, "), r.out());
    assertTrue(r.out().endsWith(", redundancy curve)\n"), r.out());
    assertTrue(Files.readString(html).contains("<figure class=\"curve\">"));

    Result again = WinnowCliTest.run("report", "--run", pruned.toString());
    assertEquals(1, again.code());
    assertEquals(
        "winnow: error: "
            + html.toAbsolutePath()
            + ": already exists (pass --overwrite to replace it)\n",
        again.err());
    assertEquals(0, WinnowCliTest.run("report", "--run", pruned.toString(), "--overwrite").code());

    // Every invocation is in the run's log, the refused one with its cause.
    String log = Files.readString(pruned.resolve("winnow.log"));
    assertEquals(3, log.split("winnow report --run ", -1).length - 1, log);
    assertTrue(log.contains("--overwrite"), log);
    assertTrue(log.contains("already exists"), log);
  }

  /** A run folder's {@code advise/} (winnow advise --out DIR/advise) joins its report. */
  @Test
  void aRunFoldersAdviceIsPickedUp() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 20, null);
    Path pruned = ReportFixture.prune(emb, dir.resolve("pruned"), List.of(0.8));
    Result plain = WinnowCliTest.run("report", "--run", pruned.toString());
    assertEquals(0, plain.code(), plain.err());
    assertFalse(Files.readString(pruned.resolve("report.html")).contains("id=\"advice\""));
    Result advise =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--fractions",
            "0.5",
            "--trials",
            "1",
            "--out",
            pruned.resolve("advise").toString());
    assertEquals(0, advise.code(), advise.err());
    Result r = WinnowCliTest.run("report", "--run", pruned.toString(), "--overwrite");
    assertEquals(0, r.code(), r.err());
    String html = Files.readString(pruned.resolve("report.html"));
    assertTrue(html.contains("<section id=\"advice\""), "the advice section");
    assertTrue(html.contains(advise.out().lines().findFirst().orElseThrow().substring(0, 20)));
  }

  @Test
  void badInputIsOneLineAndUsageErrorsExitTwo() {
    Result missing = WinnowCliTest.run("report", "--run", dir.resolve("none").toString());
    assertEquals(1, missing.code());
    assertEquals("winnow: error: " + dir.resolve("none") + ": no such folder\n", missing.err());
    assertFalse(Files.exists(dir.resolve("none")), "a mistyped folder is not created for a log");

    Result noOut = WinnowCliTest.run("report", "--prune", dir.toString());
    assertEquals(2, noOut.code());
    assertTrue(noOut.err().startsWith("winnow: --out is required with --prune\n"), noOut.err());

    Result both = WinnowCliTest.run("report", "--run", "a", "--prune", "b", "--out", "x.html");
    assertEquals(2, both.code(), both.err());

    Result help = WinnowCliTest.run("report", "--help");
    assertEquals(0, help.code());
    assertTrue(help.out().contains("Examples:") && help.out().contains("--run DIR"), help.out());
  }
}
