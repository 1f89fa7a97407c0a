package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.prune.active.IndexKind;
import org.winnow.prune.active.PoolMode;
import org.winnow.prune.active.Simulation;
import org.winnow.prune.active.Strategy;

/** The report's section for a {@code winnow active simulate} folder. */
class ActiveReportTest {

  @TempDir Path dir;

  @Test
  void showsThePlotAndOneRowPerLearner() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 30, null);
    Path prune = ReportFixture.prune(emb, dir.resolve("prune"), List.of(0.9));
    Path active = dir.resolve("al");
    Simulation.run(
        new Simulation.Request(
            emb,
            10,
            true,
            5,
            2,
            List.of(Strategy.MAXENT, Strategy.RANDOM),
            List.of(PoolMode.ALL, PoolMode.SEALS),
            2,
            1,
            5,
            IndexKind.EXACT,
            0.2,
            3,
            active,
            false,
            "test"),
        Progress.NONE);
    ReportRequest request = request(prune, active, dir.resolve("r.html"));
    String html = HtmlReportTest.write(request);
    assertTrue(html.contains("<a href=\"#active\">Active learning</a>"));
    String section = HtmlReportTest.all("<section id=\"active\">(.*?)</section>", html).getFirst();
    assertTrue(
        section.contains(Files.readString(active.resolve("active.svg"))), "the plot inlined");
    List<String> learners = HtmlReportTest.all("<tr><td>([a-z]+</td><td>[a-z]+)</td>", section);
    assertEquals(
        List.of(
            "maxent</td><td>all",
            "maxent</td><td>seals",
            "random</td><td>all",
            "random</td><td>seals"),
        learners);
    // the last round: 10 + 2 × 5 labels, over two trials
    assertEquals(4, HtmlReportTest.all("(<td class=\"num\"[^>]*>20</td>)", section).size());
    String manifest =
        HtmlReportTest.all("id=\"winnow-manifest\"[^>]*>(.*?)</script>", html).getFirst();
    assertTrue(manifest.contains("\"role\": \"active_rounds\""), manifest);

    // a folder without the simulation's files is one line naming the file
    Files.delete(active.resolve("active.svg"));
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> HtmlReport.write(request(prune, active, dir.resolve("r2.html")), Progress.NONE));
    assertTrue(e.getMessage().endsWith("active.svg: no such file"), e.getMessage());
  }

  /** A report of {@code prune} with the active-learning folder {@code active}, to {@code html}. */
  private static ReportRequest request(Path prune, Path active, Path html) {
    return new ReportRequest(
        List.of(prune),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(active),
        Optional.empty(),
        html,
        false,
        1,
        4,
        "test");
  }
}
