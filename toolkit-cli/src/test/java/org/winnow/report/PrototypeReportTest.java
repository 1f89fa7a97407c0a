package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.prune.KeepList;

/**
 * The report of a prototype pruning: per class its easiest samples on top and its hardest below,
 * read from a {@code groups.csv} this test writes with prototype's meaning ({@code group} the
 * k-means cluster, {@code dissimilarity} the difficulty), so the expected rows are known.
 */
class PrototypeReportTest {

  @TempDir static Path dir;
  static Path folder;

  /** Each class's rows as the test wrote them: id, label, cluster, difficulty, kept. */
  static final TreeMap<Integer, List<KeepList.GroupRow>> written = new TreeMap<>();

  @BeforeAll
  static void inputs() throws IOException {
    Path emb = ReportFixture.embeddings(dir, 20, null);
    folder = ReportFixture.prune(emb, dir.resolve("prune"), List.of(0.5));
    Path summary = folder.resolve(ReportRequest.SUMMARY);
    JsonObject json = JsonParser.parseString(Files.readString(summary)).getAsJsonObject();
    json.addProperty("method", "prototype");
    Files.writeString(summary, json.toString());

    // Made-up difficulties: distinct, in no particular order; ties at the easy end of class 0.
    Random random = new Random(7);
    StringBuilder csv = new StringBuilder("id,label,group,representative_id,dissimilarity,kept\n");
    for (KeepList.GroupRow r : KeepList.readGroups(folder.resolve(ReportRequest.GROUPS))) {
      double d =
          r.label() == 0 && written.getOrDefault(0, List.of()).size() < 2
              ? 0.001
              : 0.01 + random.nextDouble() * 0.5;
      KeepList.GroupRow row =
          new KeepList.GroupRow(
              r.id(), r.label(), 3 * r.label() + random.nextInt(3), r.id(), d, r.kept());
      written.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(row);
      csv.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%s,%s,%b%n",
              row.id(),
              row.label(),
              row.group(),
              row.representativeId(),
              Double.toString(d),
              row.kept()));
    }
    Files.writeString(folder.resolve(ReportRequest.GROUPS), csv.toString());
  }

  private static String report(String name, int maxMembers) throws IOException {
    return HtmlReportTest.write(HtmlReportTest.request(folder, dir.resolve(name), 3, maxMembers));
  }

  @Test
  void eachClassShowsItsEasiestOnTopAndItsHardestBelow() throws IOException {
    String html = report("proto.html", 48);
    assertTrue(html.contains("<h3>Easiest and hardest samples</h3>"));
    assertFalse(html.contains("Largest redundant groups"), "no redundant-group gallery");
    List<String> classes =
        HtmlReportTest.all(
            "(<div class=\"class-gallery difficulty\".*?</div>\n</div>\n</div>)", html);
    assertEquals(10, classes.size());
    for (String c : classes) {
      int label = Integer.parseInt(HtmlReportTest.all("data-label=\"(\\d+)\"", c).getFirst());
      List<KeepList.GroupRow> rows = new ArrayList<>(written.get(label));
      rows.sort(Comparator.comparingDouble(KeepList.GroupRow::dissimilarity)); // stable: file order
      List<String> easiest = rows.subList(0, 8).stream().map(KeepList.GroupRow::id).toList();
      List<String> hardest =
          rows.reversed().subList(0, 8).stream().map(KeepList.GroupRow::id).toList();
      List<String> rowsShown =
          HtmlReportTest.all("(<div class=\"group\" data-row=.*?</div>\n</div>)", c);
      assertEquals(2, rowsShown.size());
      assertTrue(rowsShown.get(0).contains("data-row=\"easiest\""), "easiest on top");
      assertEquals(easiest, HtmlReportTest.all("data-id=\"([^\"]+)\"", rowsShown.get(0)));
      assertEquals(hardest, HtmlReportTest.all("data-id=\"([^\"]+)\"", rowsShown.get(1)));
      // Kept samples are outlined, each caption carries the difficulty.
      for (KeepList.GroupRow r : rows) {
        String fig = "data-id=\"" + r.id() + "\" data-kept=\"" + r.kept() + "\"";
        assertEquals(easiest.contains(r.id()) || hardest.contains(r.id()), c.contains(fig), r.id());
      }
      KeepList.GroupRow hardestRow = rows.getLast();
      assertTrue(
          c.contains(
              "cluster "
                  + hardestRow.group()
                  + ", d = "
                  + ReportPage.dissimilarity(hardestRow.dissimilarity())),
          c);
    }
  }

  @Test
  void aSmallRowLimitOrClassSplitsWithoutShowingASampleTwice() throws IOException {
    String html = report("small.html", 3);
    List<String> ids =
        HtmlReportTest.all("<figure class=\"member [a-z]+\" data-id=\"([^\"]+)\"", html);
    assertEquals(10 * 2 * 3, ids.size(), "3 per row when a group may show 3");
    assertEquals(ids.size(), ids.stream().distinct().count());

    List<KeepList.GroupRow> five = written.get(1).subList(0, 5);
    DifficultyGallery.Rows rows = DifficultyGallery.rows(five, 8).get(1);
    assertEquals(3, rows.easiest().size(), "the easier half, with the odd one");
    assertEquals(2, rows.hardest().size());
    List<KeepList.GroupRow> sorted = new ArrayList<>(five);
    sorted.sort(Comparator.comparingDouble(KeepList.GroupRow::dissimilarity));
    assertEquals(sorted.subList(0, 3), rows.easiest());
    assertEquals(List.of(sorted.get(4), sorted.get(3)), rows.hardest());
  }

  @Test
  void tiesGoToDatasetOrder() {
    List<KeepList.GroupRow> class0 = written.get(0);
    DifficultyGallery.Rows rows = DifficultyGallery.rows(class0, 8).get(0);
    assertEquals(List.of(class0.get(0), class0.get(1)), rows.easiest().subList(0, 2));
  }
}
