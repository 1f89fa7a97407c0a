package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;

/**
 * The report's curve section: mean &plusmn; std and trials per point, and one sentence per
 * comparison with random saying whether it is within run-to-run noise.
 */
class CurveSectionTest {

  @TempDir Path dir;

  @Test
  void saysWhichDifferencesAreWithinNoiseAndShowsMeanPlusMinusStd() throws IOException {
    Path folder =
        ReportFixture.prune(
            ReportFixture.embeddings(dir, 10, null), dir.resolve("prune"), List.of(0.5));
    Path curve = dir.resolve("curve.csv");
    Files.writeString(
        curve,
        """
        method,fraction,n_train,mean,std,n
        semantic,1,100,0.70,0.02,3
        semantic,0.7,70,0.632,0.031,3
        semantic,0.5,50,0.486,0.01,3
        semantic,0.3,30,0.40,0,1
        random,1,100,0.70,0.02,3
        random,0.7,70,0.620,0.012,3
        random,0.5,50,0.632,0.02,3
        random,0.3,30,0.45,0,1
        """);
    ReportRequest r =
        new ReportRequest(
            List.of(folder),
            Optional.empty(),
            Optional.empty(),
            Optional.of(curve),
            dir.resolve("r.html"),
            false,
            0,
            1,
            "test");
    HtmlReport.write(r, Progress.NONE);
    String html = Files.readString(r.out());

    assertEquals(
        List.of("0.7:within-noise", "0.5:beyond-noise", "0.3:unjudged"),
        HtmlReportTest.all(
                "<li data-method=\"semantic\" data-fraction=\"([^\"]+\" data-verdict=\"[^\"]+)\"",
                html)
            .stream()
            .map(s -> s.replace("\" data-verdict=\"", ":"))
            .toList());
    assertTrue(
        html.contains(
            "At 70%, semantic and random differ by 1.2 points, within run-to-run noise (std 3.1"
                + " over 3 trials)."),
        html);
    assertTrue(html.contains("(random higher), more than run-to-run noise (std 2.0 over 3"));
    assertTrue(html.contains("run-to-run noise cannot be judged from one trial."));

    String table =
        HtmlReportTest.all("<table class=\"curve-points\">(.*?)</table>", html).getFirst();
    assertTrue(table.contains(">63.20 &plusmn; 3.10</td>"), table);
    assertTrue(table.contains(">40.00</td>"), "one trial: no spread shown");
    assertEquals(8, HtmlReportTest.all("data-col=\"trials\">(\\d+)<", table).size());
    assertEquals(
        List.of("3", "3", "3", "1", "3", "3", "3", "1"),
        HtmlReportTest.all("data-col=\"trials\">(\\d+)<", table));
  }
}
