package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.prune.KeepList;

class HtmlReportTest {

  @TempDir static Path dir;
  static Path emb;
  static Path run;

  /** A {@code winnow run}-style folder: prune/keep-0.9, prune/keep-0.7, curve/curve.csv. */
  @BeforeAll
  static void inputs() throws IOException {
    emb = ReportFixture.embeddings(dir, 60, null);
    run = dir.resolve("run");
    ReportFixture.prune(emb, run.resolve("prune"), List.of(0.9, 0.7));
    ReportFixture.curve(run.resolve("curve/curve.csv"));
  }

  static String write(ReportRequest r) throws IOException {
    HtmlReport.write(r, Progress.NONE);
    return Files.readString(r.out());
  }

  static List<String> all(String regex, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void runFolderGivesOneSectionPerFractionTheCurveAndNoNetwork() throws IOException {
    String html = write(ReportRequest.forRun(run, dir.resolve("a.html"), false, "test"));
    assertEquals(
        List.of("0.9", "0.7"),
        all("<section class=\"prune\"[^>]*data-fraction=\"([^\"]+)\"", html));
    // One overall and ten per-class histograms per fraction, and the curve.
    assertEquals(2 * 11, all("<figure class=\"histogram\"[^>]*>(<svg)", html).size());
    String curve = all("<figure class=\"curve\">(.*?)</figure>", html).getFirst();
    assertEquals(2, all("(<polyline)", curve).size(), "a line per method");
    assertTrue(curve.contains(">semantic</text>") && curve.contains(">random</text>"));
    // Self-contained: no links, scripts or images from elsewhere.
    assertFalse(html.matches("(?s).*(src|href)=\"(?!data:|#).*"), "only data: and # references");
    assertFalse(html.contains("<link") || html.contains("url("));
    for (String uri : all("<img src=\"data:image/png;base64,([^\"]+)\"", html).subList(0, 3)) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(uri)));
      assertEquals(84, img.getWidth(), "28 x 28 enlarged 3 times");
    }
    JsonObject manifest =
        JsonParser.parseString(
                all("<script type=\"application/json\" id=\"winnow-manifest\">(.*?)</script>", html)
                    .getFirst())
            .getAsJsonObject();
    assertEquals("winnow report", manifest.get("tool").getAsString());
    assertEquals(5, manifest.getAsJsonArray("inputs").size(), "2 summaries, 2 groups, curve");
  }

  @Test
  void tableNumbersEqualSummaryJson() throws IOException {
    Path folder = run.resolve("prune/keep-0.9");
    String html = write(request(folder, dir.resolve("table.html"), 3, 48));
    JsonObject summary =
        JsonParser.parseString(Files.readString(folder.resolve("summary.json"))).getAsJsonObject();
    // the floor card: the largest group diameter summary.json records
    assertTrue(
        html.contains(
            "<b>"
                + ReportPage.dissimilarity(
                    summary.getAsJsonObject("group_diameter").get("max").getAsDouble())
                + "</b><span>largest group diameter"),
        "floor card");
    List<JsonElement> rows = new ArrayList<>();
    summary.getAsJsonArray("classes").forEach(rows::add);
    rows.add(summary.get("overall"));
    String table = all("<table class=\"classes\">(.*?)</table>", html).getFirst();
    List<String> trs = all("(<tr[^>]*data-label=.*?</tr>)", table);
    assertEquals(11, trs.size());
    for (int i = 0; i < rows.size(); i++) {
      JsonObject c = rows.get(i).getAsJsonObject();
      String tr = trs.get(i);
      assertEquals(c.get("n").getAsString(), cell(tr, "n"));
      assertEquals(c.get("kept").getAsString(), cell(tr, "kept"));
      assertEquals(c.get("groups").getAsString(), cell(tr, "groups"));
      assertEquals(
          c.get("mean_dissimilarity").getAsDouble(), Double.parseDouble(cell(tr, "dissimilarity")));
    }
    assertFalse(html.contains("id=\"curve\""), "no curve without a curve table");
  }

  private static String cell(String tr, String column) {
    return all("data-col=\"" + column + "\" data-value=\"([^\"]+)\"", tr).getFirst();
  }

  @Test
  void galleryShowsTheLargestGroupsWithEveryMemberAndTheRetainedOneMarked() throws IOException {
    Path folder = run.resolve("prune/keep-0.7");
    String html = write(request(folder, dir.resolve("gallery.html"), 2, 48));
    List<KeepList.GroupRow> rows = KeepList.readGroups(folder.resolve("groups.csv"));
    Map<String, List<KeepList.GroupRow>> byGroup = new HashMap<>();
    for (KeepList.GroupRow r : rows) {
      byGroup.computeIfAbsent(r.label() + "/" + r.group(), k -> new ArrayList<>()).add(r);
    }
    Matcher classes =
        Pattern.compile(
                "<div class=\"class-gallery\" data-label=\"(\\d+)\">(.*?)(?=<div class=\"class-gallery\"|</section>)",
                Pattern.DOTALL)
            .matcher(html);
    int classCount = 0;
    while (classes.find()) {
      classCount++;
      int label = Integer.parseInt(classes.group(1));
      Matcher groups =
          Pattern.compile(
                  "<div class=\"group\" data-group=\"(\\d+)\" data-size=\"(\\d+)\">(.*?)</div>\n</div>",
                  Pattern.DOTALL)
              .matcher(classes.group(2));
      List<Integer> shownSizes = new ArrayList<>();
      while (groups.find()) {
        List<KeepList.GroupRow> members = byGroup.get(label + "/" + groups.group(1));
        assertEquals(members.size(), Integer.parseInt(groups.group(2)));
        shownSizes.add(members.size());
        List<String> ids =
            all("<figure class=\"member [a-z]+\" data-id=\"([^\"]+)\"", groups.group(3));
        assertEquals(
            members.stream().map(KeepList.GroupRow::id).sorted().toList(),
            ids.stream().sorted().toList(),
            "every member shown");
        List<String> kept = all("data-id=\"([^\"]+)\" data-kept=\"true\"", groups.group(3));
        assertEquals(1, kept.size());
        KeepList.GroupRow retained =
            members.stream().filter(KeepList.GroupRow::kept).findFirst().orElseThrow();
        assertEquals(retained.id(), kept.getFirst(), "the retained sample is the marked one");
        assertEquals(retained.id(), ids.getFirst(), "and comes first");
        assertTrue(groups.group(3).contains("<figure class=\"member kept\""));
      }
      List<Integer> allSizes =
          byGroup.values().stream()
              .filter(g -> g.getFirst().label() == label && g.size() > 1)
              .map(List::size)
              .sorted((a, b) -> b - a)
              .toList();
      assertEquals(allSizes.subList(0, Math.min(2, allSizes.size())), shownSizes, "largest first");
    }
    assertEquals(10, classCount);
  }

  @Test
  void capsMembersAndCountsTheRest() throws IOException {
    String html = write(request(run.resolve("prune/keep-0.7"), dir.resolve("cap.html"), 1, 2));
    List<String> sizes = all("<div class=\"group\" data-group=\"\\d+\" data-size=\"(\\d+)\"", html);
    long over = sizes.stream().filter(s -> Integer.parseInt(s) > 2).count();
    assertTrue(over > 0, "the fixture has groups of 3 or more at 0.7");
    assertEquals(over, all("(more not shown)", html).size());
    assertEquals(2L * sizes.size(), all("(<figure class=\"member)", html).size());

    String none = write(request(run.resolve("prune/keep-0.7"), dir.resolve("none.html"), 0, 2));
    assertFalse(none.contains("<img") || none.contains("Largest redundant groups"), "no gallery");
  }

  @Test
  void badInputIsNamed() throws IOException {
    Path out = dir.resolve("bad.html");
    // No prune output at all.
    DatasetException none =
        assertThrows(
            DatasetException.class, () -> ReportRequest.pruneFoldersIn(dir.resolve("run/curve")));
    assertTrue(none.getMessage().contains("no prune output here"), none.getMessage());

    // A groups.csv id that is not in the dataset.
    Path broken = copy(run.resolve("prune/keep-0.9"), dir.resolve("broken"));
    Path groups = broken.resolve("groups.csv");
    Files.writeString(
        groups, Files.readString(groups).replaceFirst("\ntrain/0,", "\ntrain/99999,"));
    DatasetException id = assertThrows(DatasetException.class, () -> report(broken, out));
    assertEquals(
        groups
            + ": sample id 'train/99999' is not in the dataset "
            + ReportFixture.SAMPLE.toAbsolutePath().normalize(),
        id.getMessage());

    // groups.csv and summary.json that disagree.
    Files.writeString(groups, Files.readString(groups).replaceFirst("\ntrain/1,[^\n]*", ""));
    assertTrue(
        assertThrows(DatasetException.class, () -> report(broken, out))
            .getMessage()
            .contains("has 599 samples but summary.json beside it counts 600"));

    // Embeddings that claim another dataset index than the sample's.
    Path other = Files.createDirectories(dir.resolve("other"));
    Path wrong = ReportFixture.embeddings(other, 5, "0".repeat(64));
    Path pruned = ReportFixture.prune(wrong, other.resolve("pruned"), List.of(0.8));
    DatasetException hash = assertThrows(DatasetException.class, () -> report(pruned, out));
    assertTrue(
        hash.getMessage().contains("differs from " + "0".repeat(64) + " recorded in"),
        hash.getMessage());

    // A summary made from other embeddings than the ones given.
    DatasetException mixed =
        assertThrows(
            DatasetException.class,
            () ->
                HtmlReport.write(
                    new ReportRequest(
                        List.of(pruned),
                        Optional.of(emb),
                        Optional.empty(),
                        Optional.empty(),
                        out,
                        false,
                        3,
                        48,
                        "test"),
                    Progress.NONE));
    assertTrue(
        mixed.getMessage().contains("was made from data with index hash"), mixed.getMessage());

    // Missing summary.json in a named folder, and an existing output.
    assertTrue(
        assertThrows(DatasetException.class, () -> report(dir.resolve("nowhere"), out))
            .getMessage()
            .endsWith("summary.json: no such file"));
    Files.writeString(out, "keep me");
    assertThrows(IllegalArgumentException.class, () -> report(run.resolve("prune/keep-0.9"), out));
    assertEquals("keep me", Files.readString(out), "never half-written or replaced");
  }

  @Test
  void semdedupShowsItsEpsilonTableAndEachDuplicatesCosine() throws IOException {
    Path out = dir.resolve("dedup");
    org.winnow.prune.Pruning.run(
        new org.winnow.prune.Pruning.Request(
            emb,
            new org.winnow.prune.SemDeDupSelector(
                new org.winnow.prune.SemDeDupSelector.Options(
                    0,
                    org.winnow.prune.SemDeDupSelector.Prefer.HARD,
                    List.of(0.02, 0.1),
                    false,
                    1)),
            List.of(),
            out,
            false,
            "test"),
        Progress.NONE);
    Path folder = out.resolve("eps-0.1");
    String html = write(request(folder, dir.resolve("dedup.html"), 3, 48));
    assertEquals(
        List.of("0.02", "0.1"),
        all("<tr[^>]*><td class=\"num\">([0-9.]+)</td><td class=\"num\">[0-9.]+</td></tr>", html));
    assertEquals(1, all("<tr class=\"this\"><td class=\"num\">(0.1)</td>", html).size());
    List<KeepList.GroupRow> rows = KeepList.readGroups(folder.resolve("groups.csv"));
    long removed = rows.stream().filter(r -> !r.id().equals(r.representativeId())).count();
    assertTrue(removed > 0, "raw pixels hold near-duplicates at eps 0.1");
    List<String> cosines = all("<figcaption>cos ([0-9.]+)<br>", html);
    assertTrue(!cosines.isEmpty(), html);
    for (String c : cosines) {
      assertTrue(Double.parseDouble(c) > 0.9, c);
    }
  }

  /** A report of one prune folder, with the embeddings and dataset it records. */
  static ReportRequest request(Path folder, Path out, int groupsPerClass, int maxMembers) {
    return new ReportRequest(
        List.of(folder),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        out,
        false,
        groupsPerClass,
        maxMembers,
        "test");
  }

  private static void report(Path folder, Path out) throws IOException {
    HtmlReport.write(request(folder, out, 3, 48), Progress.NONE);
  }

  private static Path copy(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    for (String name : List.of("summary.json", "groups.csv", "keep.csv")) {
      Files.copy(from.resolve(name), to.resolve(name));
    }
    return to;
  }
}
