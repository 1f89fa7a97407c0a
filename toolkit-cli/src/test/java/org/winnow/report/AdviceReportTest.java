package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.advise.Advice;
import org.winnow.prune.plot.Markup;

/** The report's section for a {@code winnow advise} folder. */
class AdviceReportTest {

  @TempDir Path dir;

  private ReportRequest request(Path prune, Optional<Path> curve, Path advice, String out) {
    return new ReportRequest(
        List.of(prune),
        Optional.empty(),
        Optional.empty(),
        curve,
        Optional.empty(),
        Optional.of(advice),
        dir.resolve(out),
        false,
        1,
        4,
        "test");
  }

  @Test
  void showsTheAnswerHowItWasChosenAndTheRetrainedCurveBesideIt() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 30, null);
    Path prune = ReportFixture.prune(emb, dir.resolve("prune"), List.of(0.9));
    // a curve folder whose name needs escaping; random was trained at fraction 1 only
    Path curve = Files.createDirectories(dir.resolve("cur<b>&ve"));
    Files.writeString(
        curve.resolve("curve.csv"),
        "method,fraction,n_train,mean,std,n\nsemantic,1,300,0.9,0,1\nsemantic,0.5,150,0.895,0,1\n"
            + "semantic,0.25,75,0.7,0,1\nrandom,1,300,0.9,0,1\n");
    Path advice = dir.resolve("advice");
    Advice.run(
        new Advice.Request(
            emb,
            Optional.empty(),
            0.2,
            List.of(0.5, 0.25),
            2,
            0.01,
            0.03,
            Optional.of(curve),
            7,
            advice,
            false,
            "test"),
        Progress.NONE);
    JsonObject json =
        JsonParser.parseString(Files.readString(advice.resolve("advice.json"))).getAsJsonObject();
    String text = json.getAsJsonObject("recommendation").get("text").getAsString();
    double fraction = json.getAsJsonObject("recommendation").get("fraction").getAsDouble();

    String html = HtmlReportTest.write(request(prune, Optional.empty(), advice, "r.html"));
    assertTrue(html.contains("<a href=\"#advice\">How much can go</a>"));
    String section = HtmlReportTest.all("(<section id=\"advice\".*?)</section>", html).getFirst();
    assertTrue(
        section.startsWith(
            "<section id=\"advice\" data-method=\""
                + json.getAsJsonObject("recommendation").get("method").getAsString()
                + "\" data-fraction=\""
                + KeepFractions.format(fraction)
                + "\">"),
        section);
    assertTrue(section.contains(Markup.escape(text)), text);
    assertTrue(section.contains("How it was chosen: per method, the smallest fraction"));
    assertTrue(section.contains(". Tolerance: 1 point overall, 3 points per class."), section);
    assertTrue(section.contains("Test set: held out: 0.2 of each class"), section);
    assertTrue(section.contains(Files.readString(advice.resolve("probe.svg"))), "plot inlined");
    // the probe's two methods, each with what the retrained curve supports
    assertEquals(
        List.of("semantic", "random"),
        HtmlReportTest.all("<tr data-method=\"([a-z]+)\">", section));
    assertEquals(
        List.of("50 %", "full set only"),
        HtmlReportTest.all("data-col=\"retrained\"[^>]*>([^<]*)</td>", section));
    String comparison = HtmlReportTest.all("<p class=\"comparison\">(.*?)</p>", section).getFirst();
    assertTrue(
        comparison.contains(
            "support: semantic 50 %; random: trained only on the full set, no pruned fraction to"
                + " judge."),
        comparison);
    assertFalse(comparison.contains("random 100 %"), comparison);
    assertTrue(comparison.contains("cur&lt;b&gt;&amp;ve"), comparison);
    assertFalse(section.contains("cur<b>"), "escaped in the section");
    String manifest =
        HtmlReportTest.all("id=\"winnow-manifest\"[^>]*>(.*?)</script>", html).getFirst();
    assertTrue(
        manifest.contains("\"role\": \"advice\"")
            && manifest.contains("\"role\": \"advice_curve\""),
        manifest);

    // the report's own curve wins over the one advise recorded
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(
        other.resolve("curve.csv"),
        "method,fraction,n_train,mean,std,n\nsemantic,1,300,0.9,0,1\nsemantic,0.5,150,0.7,0,1\n");
    String withCurve =
        HtmlReportTest.write(
            request(prune, Optional.of(other.resolve("curve.csv")), advice, "r2.html"));
    String s2 = HtmlReportTest.all("(<section id=\"advice\".*?)</section>", withCurve).getFirst();
    assertEquals(
        List.of("100 %", "not in the curve"),
        HtmlReportTest.all("data-col=\"retrained\"[^>]*>([^<]*)</td>", s2));
    assertFalse(withCurve.contains("\"role\": \"advice_curve\""));
  }

  @Test
  void aFolderWithoutTheAdviceIsOneLineNamingTheFile() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 30, null);
    Path prune = ReportFixture.prune(emb, dir.resolve("prune"), List.of(0.9));
    Path empty = Files.createDirectories(dir.resolve("nothing"));
    ReportRequest r = request(prune, Optional.empty(), empty, "r.html");
    DatasetException e =
        assertThrows(DatasetException.class, () -> HtmlReport.write(r, Progress.NONE));
    assertEquals(
        empty.resolve("advice.json")
            + ": no such file; --advise needs a winnow advise output folder",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("r.html")));

    Files.writeString(empty.resolve("advice.json"), "{\"recommendation\": 3}");
    Files.writeString(empty.resolve("probe.svg"), "<svg></svg>");
    DatasetException bad =
        assertThrows(DatasetException.class, () -> HtmlReport.write(r, Progress.NONE));
    assertTrue(
        bad.getMessage()
            .startsWith(empty.resolve("advice.json") + ": not an advice.json written by winnow"),
        bad.getMessage());
  }
}
