package org.winnow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.audit.Leakage;
import org.winnow.prune.audit.LeakageAudit;
import org.winnow.prune.plot.Markup;

/**
 * The report of {@code winnow audit leakage}, {@code report.html}: how many held-out samples have a
 * train twin, per class, the distribution of nearest-train cosines, and the most similar pairs with
 * each held-out image beside its train twin (when the dataset's images are at hand), so that a
 * reader can judge by eye whether the threshold separates copies from look-alikes.
 */
public final class LeakagePage implements LeakageAudit.Page {

  /** The most pairs the page shows as images; leakage.csv lists them all. */
  public static final int MAX_PAIRS = 120;

  private final Optional<ImageDataset> dataset;
  private final Progress progress;

  /**
   * A page for an audit.
   *
   * @param dataset the dataset whose images the ids name, or empty to show ids only
   * @param progress reports the thumbnails
   */
  public LeakagePage(Optional<ImageDataset> dataset, Progress progress) {
    this.dataset = dataset;
    this.progress = progress;
  }

  @Override
  public void write(Path folder, Leakage leakage, Manifest manifest) throws IOException {
    String html = html(leakage, manifest);
    WriteFailures.write(
        folder.resolve("report.html"),
        folder.resolve("report.html"),
        f -> Files.writeString(f, html, StandardCharsets.UTF_8));
  }

  String html(Leakage leakage, Manifest manifest) {
    List<Leakage.Twin> twins = leakage.twins();
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Leakage audit</title>\n<style>\n")
        .append(ReportPage.CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>Train/test leakage audit</h1>\n<p>")
        .append(esc(leakage.train().source()))
        .append("</p>\n</header>\n<main>\n<section id=\"leakage\">\n<h2>Leakage</h2>\n");
    long heldOut = leakage.splits().stream().mapToLong(s -> s.samples().size()).sum();
    long same = twins.stream().filter(Leakage.Twin::sameLabel).count();
    h.append("<div class=\"cards\">")
        .append(card(ReportPage.fmt(heldOut), "held-out samples"))
        .append(card(ReportPage.fmt(twins.size()), "with a train twin"))
        .append(card(ReportPage.fmt(same), "twins with the same label"))
        .append(card(Double.toString(leakage.threshold()), "cosine threshold"))
        .append("</div>\n")
        .append("<p class=\"why\">A twin is the nearest train sample of a held-out sample when")
        .append(" their penultimate embeddings have a cosine at or above the threshold. A twin")
        .append(" with the same label inflates test accuracy; one with another label is a")
        .append(" labelling question.</p>\n");
    for (Leakage.SplitNearest s : leakage.splits()) {
      appendSplit(h, leakage, s);
    }
    appendPairs(h, leakage, twins);
    h.append("<h3>Provenance</h3>\n<pre>")
        .append(esc(manifest.toJson()))
        .append("</pre>\n</section>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void appendSplit(StringBuilder h, Leakage leakage, Leakage.SplitNearest s) {
    h.append("<h3>")
        .append(esc(s.split()))
        .append(": ")
        .append(ReportPage.fmt(s.samples().size()))
        .append(" samples against ")
        .append(ReportPage.fmt(leakage.train().size()))
        .append(" train samples</h3>\n");
    h.append("<table>\n<tr><th>class</th><th class=\"num\">samples</th>")
        .append("<th class=\"num\">twins</th><th class=\"num\">same label</th></tr>\n");
    for (Leakage.ClassCount c : leakage.perClass(s)) {
      h.append("<tr><td>")
          .append(esc(c.name()))
          .append("</td><td class=\"num\">")
          .append(ReportPage.fmt(c.samples()))
          .append("</td><td class=\"num\">")
          .append(ReportPage.fmt(c.twins()))
          .append("</td><td class=\"num\">")
          .append(ReportPage.fmt(c.twinsSameLabel()))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (s.samples().size() > 0) {
      double[] sorted = s.cosine().clone();
      java.util.Arrays.sort(sorted);
      h.append("<p>Nearest-train cosine: ");
      String[] names = {"min", "5 %", "median", "95 %", "99 %", "max"};
      double[] ps = {0, 0.05, 0.5, 0.95, 0.99, 1};
      for (int i = 0; i < ps.length; i++) {
        h.append(i == 0 ? "" : ", ")
            .append(names[i])
            .append(' ')
            .append(
                String.format(
                    Locale.ROOT,
                    "%.4f",
                    org.winnow.prune.audit.LeakageSummary.quantile(sorted, ps[i])));
      }
      h.append(".</p>\n");
    }
  }

  private void appendPairs(StringBuilder h, Leakage leakage, List<Leakage.Twin> twins) {
    if (twins.isEmpty()) {
      h.append("<p>No held-out sample has a train twin at this threshold.</p>\n");
      return;
    }
    List<Leakage.Twin> shown =
        twins.stream()
            .sorted((a, b) -> Double.compare(b.cosine(), a.cosine()))
            .limit(MAX_PAIRS)
            .toList();
    Map<String, String> thumbs = thumbnails(leakage, shown);
    h.append("<h3>The ")
        .append(shown.size() < twins.size() ? shown.size() + " most similar of " : "")
        .append(ReportPage.fmt(twins.size()))
        .append(" pairs</h3>\n<p class=\"why\">Each held-out image, then its train twin;")
        .append(" leakage.csv lists every pair.</p>\n<div class=\"groups\">\n");
    for (Leakage.Twin t : shown) {
      String testId = t.samples().ids().get(t.row());
      String trainId = leakage.train().ids().get(t.trainRow());
      h.append("<div class=\"group\"><div class=\"group-head\">")
          .append(String.format(Locale.ROOT, "cosine %.4f", t.cosine()))
          .append(t.sameLabel() ? "" : ", labels differ")
          .append("</div><div class=\"members\">")
          .append(member(thumbs.get(testId), testId, Leakage.className(t.samples(), t.row())))
          .append(
              member(
                  thumbs.get(trainId), trainId, Leakage.className(leakage.train(), t.trainRow())))
          .append("</div></div>\n");
    }
    h.append("</div>\n");
  }

  /** The thumbnails of the pairs shown, by sample id; empty without a dataset. */
  private Map<String, String> thumbnails(Leakage leakage, List<Leakage.Twin> shown) {
    Map<String, String> out = new java.util.concurrent.ConcurrentHashMap<>();
    if (dataset.isEmpty()) {
      return out;
    }
    Map<String, Sample> byId = new HashMap<>();
    for (Sample s : dataset.get().samples()) {
      byId.put(s.id(), s);
    }
    java.util.Set<String> ids = new java.util.LinkedHashSet<>();
    for (Leakage.Twin t : shown) {
      ids.add(t.samples().ids().get(t.row()));
      ids.add(leakage.train().ids().get(t.trainRow()));
    }
    progress.start("thumbnails", ids.size());
    ids.parallelStream()
        .forEach(
            id -> {
              Sample s = byId.get(id);
              if (s != null) {
                out.put(id, Thumbnails.dataUri(dataset.get(), s));
              }
              progress.advance(1);
            });
    progress.finish();
    return out;
  }

  private static String member(String uri, String id, String className) {
    StringBuilder m = new StringBuilder("<figure class=\"member\">");
    if (uri != null) {
      m.append("<img src=\"").append(uri).append("\" alt=\"").append(esc(id)).append("\">");
    }
    return m.append("<figcaption>")
        .append(esc(id))
        .append("<br>")
        .append(esc(className))
        .append("</figcaption></figure>")
        .toString();
  }

  private static String card(String value, String what) {
    return "<div class=\"card\"><b>" + esc(value) + "</b><span>" + esc(what) + "</span></div>";
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }
}
