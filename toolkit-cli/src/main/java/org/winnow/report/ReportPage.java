package org.winnow.report;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepList;
import org.winnow.prune.PruneSummary;
import org.winnow.prune.Pruning;
import org.winnow.prune.plot.CurvePlot;
import org.winnow.prune.plot.CurvePoint;
import org.winnow.prune.plot.GroupSizePlot;
import org.winnow.prune.plot.Markup;

/**
 * Assembles the report's HTML: inputs, then per prune output its explanation, per-class table,
 * histograms and gallery, then the curve and the manifest. Elements carry {@code data-} attributes
 * (sample ids, group sizes, exact values) so tests and scripts can read the page back.
 */
final class ReportPage {

  private static final String CSS =
      """
      :root { --kept: #1a9e3c; --ink: #1d2330; --muted: #5b6472; --line: #dfe3e8; }
      * { box-sizing: border-box; }
      body { margin: 0; font: 15px/1.45 "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
             color: var(--ink); background: #f6f7f9; }
      header { background: #1d2330; color: #fff; padding: 20px 32px; }
      header h1 { margin: 0 0 4px; font-size: 24px; }
      header p { margin: 0; color: #c9d1dc; }
      nav a { color: #9fd3ff; margin-right: 16px; }
      main { max-width: 1180px; margin: 0 auto; padding: 8px 32px 40px; }
      section { background: #fff; border: 1px solid var(--line); border-radius: 6px;
                padding: 8px 24px 20px; margin: 20px 0; }
      h2 { font-size: 20px; margin: 16px 0 8px; }
      h3 { font-size: 17px; margin: 20px 0 8px; }
      h4 { font-size: 15px; margin: 16px 0 6px; }
      .why { color: var(--muted); max-width: 900px; }
      .cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
      .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 150px; }
      .card b { display: block; font-size: 22px; }
      .card span { color: var(--muted); font-size: 13px; }
      table { border-collapse: collapse; font-size: 14px; }
      th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; }
      th { background: #f0f2f5; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      tr.total td { font-weight: bold; border-top: 2px solid #aab; }
      table.kv td:first-child { color: var(--muted); white-space: nowrap; }
      table.kv td { word-break: break-all; }
      figure { margin: 8px 0; }
      figcaption { color: var(--muted); font-size: 13px; }
      svg { max-width: 100%; height: auto; }
      .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 8px; }
      .groups { display: flex; flex-wrap: wrap; gap: 12px; }
      .group { border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px 8px; }
      .group-head { font-size: 13px; color: var(--muted); margin-bottom: 4px; }
      .members { display: flex; flex-wrap: wrap; gap: 6px; }
      .member { margin: 0; width: 96px; text-align: center; }
      .member img { display: block; width: 92px; height: auto; image-rendering: pixelated;
                    border: 4px solid #e4e7eb; background: #fff; }
      .member.kept img { border-color: var(--kept); }
      .member figcaption { font-size: 11px; line-height: 1.25; overflow: hidden;
                           text-overflow: ellipsis; white-space: nowrap; }
      .member.kept figcaption { color: var(--kept); font-weight: bold; }
      details summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
      .more { align-self: center; color: var(--muted); font-size: 13px; padding: 0 8px; }
      .legend-kept { color: var(--kept); font-weight: bold; }
      pre { background: #f3f4f6; padding: 10px; overflow: auto; font-size: 12px; max-height: 320px; }
      """;

  private final ReportRequest request;
  private final Provenance provenance;
  private final Manifest manifest;
  private final Progress progress;
  private final Map<String, String> thumbnailCache = new HashMap<>();
  private final StringBuilder h = new StringBuilder(1 << 16);
  private int groupsShown;
  private int thumbnails;

  ReportPage(ReportRequest request, Provenance provenance, Manifest manifest, Progress progress) {
    this.request = request;
    this.provenance = provenance;
    this.manifest = manifest;
    this.progress = progress;
  }

  int groupsShown() {
    return groupsShown;
  }

  int thumbnails() {
    return thumbnails;
  }

  /** The whole document. */
  String render(List<PruneResult> results, Optional<List<CurvePoint>> curve) {
    String title = "Winnow report: " + datasetName();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>")
        .append(esc(title))
        .append("</h1>\n<p>")
        .append(esc(attr("model", "unknown model")))
        .append(" embeddings &middot; written by winnow ")
        .append(esc(request.version()))
        .append("</p>\n<nav><a href=\"#inputs\">Inputs</a>");
    for (PruneResult r : results) {
      h.append("<a href=\"#")
          .append(anchor(r))
          .append("\">")
          .append(esc(heading(r)))
          .append("</a>");
    }
    curve.ifPresent(c -> h.append("<a href=\"#curve\">Redundancy curve</a>"));
    h.append("<a href=\"#manifest\">Manifest</a></nav>\n</header>\n<main>\n");
    inputs(results.getFirst().summary().overall().n(), curve.isPresent());
    long total = 0;
    for (PruneResult r : results) {
      total +=
          Gallery.largest(r.groups(), request.groupsPerClass()).values().stream()
              .flatMap(List::stream)
              .mapToLong(g -> Math.min(g.size(), request.maxMembers()))
              .sum();
    }
    progress.start("report", total);
    for (PruneResult r : results) {
      prune(r);
    }
    progress.finish();
    curve.ifPresent(this::curve);
    manifestSection();
    h.append("</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private void inputs(int pruned, boolean hasCurve) {
    h.append("<section id=\"inputs\">\n<h2>Inputs</h2>\n<table class=\"kv\">\n");
    row("Dataset", provenance.dataset().root().toString());
    row(
        "Format, split",
        provenance.dataset().format().cliName() + ", " + attr("split", "train") + " split");
    row(
        "Samples, classes",
        String.format(
            Locale.ROOT,
            "%,d in the dataset, %,d pruned, %d classes",
            provenance.samples().size(),
            pruned,
            provenance.dataset().classNames().size()));
    row("Dataset index hash", provenance.indexSha256());
    row("Embeddings", provenance.embeddings().toAbsolutePath().normalize().toString());
    row("Model", attr("model", "not recorded"));
    row("Layer", attr("layer", "not recorded"));
    row("Embedded", attr("created", "not recorded"));
    if (hasCurve) {
      row("Curve table", request.curve().get().toAbsolutePath().normalize().toString());
    }
    h.append("</table>\n</section>\n");
  }

  private void prune(PruneResult r) {
    PruneSummary s = r.summary();
    PruneSummary.Counts all = s.overall();
    h.append("<section class=\"prune\" id=\"")
        .append(anchor(r))
        .append("\" data-method=\"")
        .append(esc(s.method()))
        .append("\" data-fraction=\"")
        .append(s.fraction())
        .append("\">\n<h2>")
        .append(esc(heading(r)))
        .append("</h2>\n<p class=\"why\">")
        .append(why(r))
        .append("</p>\n<div class=\"cards\">");
    card(String.format(Locale.ROOT, "%,d", all.kept()), "kept of " + fmt(all.n()));
    card(fmt(all.n() - all.kept()), "removed as redundant");
    card(
        String.format(Locale.ROOT, "%.1f %%", 100.0 * all.kept() / Math.max(1, all.n())),
        "of the training set kept");
    card(fmt(redundantGroups(all)), "redundant groups (2+ samples)");
    card(dissimilarity(all.meanDissimilarity()), "mean dissimilarity to the retained sample");
    h.append("</div>\n<p class=\"why\">Output: ")
        .append(esc(r.folder().toAbsolutePath().normalize().toString()))
        .append(" (keep.csv, groups.csv, summary.json)</p>\n");
    classTable(s);
    histograms(s);
    gallery(r);
    h.append("</section>\n");
  }

  private void classTable(PruneSummary s) {
    h.append("<h3>Per class</h3>\n<p class=\"why\">Mean dissimilarity: over the groups of two or")
        .append(" more samples, the mean 1 &minus; cos from the discarded members to the retained")
        .append(" one (Birodkar et al. 2019, Table 1).</p>\n")
        .append("<table class=\"classes\">\n<tr><th>label</th><th>class</th><th class=\"num\">n")
        .append("</th><th class=\"num\">kept</th><th class=\"num\">removed</th>")
        .append("<th class=\"num\">kept %</th><th class=\"num\">groups</th>")
        .append("<th class=\"num\">redundant groups</th><th class=\"num\">largest</th>")
        .append("<th class=\"num\">mean dissimilarity</th></tr>\n");
    for (PruneSummary.Counts c : s.classes()) {
      classRow(c, "");
    }
    classRow(s.overall(), " class=\"total\"");
    h.append("</table>\n");
  }

  private void classRow(PruneSummary.Counts c, String trClass) {
    h.append("<tr")
        .append(trClass)
        .append(" data-label=\"")
        .append(c.label())
        .append("\"><td>")
        .append(c.label() < 0 ? "" : Integer.toString(c.label()))
        .append("</td><td>")
        .append(esc(c.label() < 0 ? "all classes" : c.className()))
        .append("</td>");
    num("n", fmt(c.n()), Integer.toString(c.n()));
    num("kept", fmt(c.kept()), Integer.toString(c.kept()));
    num("removed", fmt(c.n() - c.kept()), Integer.toString(c.n() - c.kept()));
    num(
        "kept-percent",
        String.format(Locale.ROOT, "%.1f", 100.0 * c.kept() / Math.max(1, c.n())),
        "");
    num("groups", fmt(c.groups()), Integer.toString(c.groups()));
    num("redundant", fmt(redundantGroups(c)), Integer.toString(redundantGroups(c)));
    int largest = c.groupSizes().isEmpty() ? 0 : c.groupSizes().lastKey();
    num("largest", fmt(largest), Integer.toString(largest));
    num(
        "dissimilarity",
        dissimilarity(c.meanDissimilarity()),
        c.meanDissimilarity().isPresent()
            ? Double.toString(c.meanDissimilarity().getAsDouble())
            : "");
    h.append("</tr>\n");
  }

  private void num(String column, String shown, String exact) {
    h.append("<td class=\"num\" data-col=\"")
        .append(column)
        .append("\"")
        .append(exact.isEmpty() ? "" : " data-value=\"" + esc(exact) + "\"")
        .append(">")
        .append(esc(shown))
        .append("</td>");
  }

  private void histograms(PruneSummary s) {
    h.append("<h3>Group sizes</h3>\n<p class=\"why\">How many groups have each size, on a")
        .append(" logarithmic axis (Birodkar et al. 2019, Figure 4). Size 1 (grey): samples")
        .append(
            " nothing was found redundant with.</p>\n<figure class=\"histogram\" data-label=\"-1\">")
        .append(
            GroupSizePlot.svg(
                s.overall().groupSizes(),
                "All classes, keep " + fractionText(s.fraction()),
                640,
                320))
        .append("</figure>\n<details><summary>Per class</summary>\n<div class=\"multiples\">\n");
    for (PruneSummary.Counts c : s.classes()) {
      if (c.groupSizes().isEmpty()) {
        continue;
      }
      h.append("<figure class=\"histogram\" data-label=\"")
          .append(c.label())
          .append("\">")
          .append(GroupSizePlot.svg(c.groupSizes(), c.className(), 300, 200))
          .append("</figure>\n");
    }
    h.append("</div>\n</details>\n");
  }

  private void gallery(PruneResult r) {
    TreeMap<Integer, List<Gallery.Group>> shown =
        Gallery.largest(r.groups(), request.groupsPerClass());
    h.append("<h3>Largest redundant groups</h3>\n<p class=\"why\">Per class, the ")
        .append(request.groupsPerClass())
        .append(" largest groups of two or more samples. The sample the method kept is outlined")
        .append(
            " in <span class=\"legend-kept\">green</span>; the others were removed as redundant")
        .append(" with it, ordered from the most to the least similar (d = 1 &minus; cos to the")
        .append(" kept sample). As in Birodkar et al. 2019, Figures 1, 3 and 11.</p>\n");
    if (shown.isEmpty()) {
      h.append("<p>No group has more than one sample: nothing was removed.</p>\n");
    }
    List<String> names = provenance.dataset().classNames();
    for (Map.Entry<Integer, List<Gallery.Group>> e : shown.entrySet()) {
      String name =
          e.getKey() < names.size() ? names.get(e.getKey()) : Integer.toString(e.getKey());
      h.append("<div class=\"class-gallery\" data-label=\"")
          .append(e.getKey())
          .append("\">\n<h4>")
          .append(esc(name))
          .append("</h4>\n<div class=\"groups\">\n");
      for (Gallery.Group g : e.getValue()) {
        group(g);
      }
      h.append("</div>\n</div>\n");
    }
  }

  private void group(Gallery.Group g) {
    groupsShown++;
    h.append("<div class=\"group\" data-group=\"")
        .append(g.group())
        .append("\" data-size=\"")
        .append(g.size())
        .append("\">\n<div class=\"group-head\">Group ")
        .append(g.group())
        .append(" &middot; ")
        .append(g.size())
        .append(" samples &middot; mean d ")
        .append(dissimilarity(OptionalDouble.of(g.meanDissimilarity())))
        .append("</div>\n<div class=\"members\">\n");
    int n = Math.min(g.size(), request.maxMembers());
    for (KeepList.GroupRow m : g.members().subList(0, n)) {
      member(m, m == g.retained());
    }
    if (g.size() > n) {
      h.append("<span class=\"more\">+ ").append(g.size() - n).append(" more not shown</span>\n");
    }
    h.append("</div>\n</div>\n");
  }

  private void member(KeepList.GroupRow m, boolean retained) {
    thumbnails++;
    String uri =
        thumbnailCache.computeIfAbsent(
            m.id(), id -> Thumbnails.dataUri(provenance.dataset(), provenance.samples().get(id)));
    progress.advance(1);
    String d = dissimilarity(OptionalDouble.of(m.dissimilarity()));
    h.append("<figure class=\"member ")
        .append(retained ? "kept" : "dropped")
        .append("\" data-id=\"")
        .append(esc(m.id()))
        .append("\" data-kept=\"")
        .append(retained)
        .append("\" title=\"")
        .append(esc(m.id()))
        .append(retained ? " (kept)" : " (removed), d = " + d)
        .append("\"><img src=\"")
        .append(uri)
        .append("\" alt=\"")
        .append(esc(m.id()))
        .append("\"><figcaption>")
        .append(retained ? "kept" : "d = " + d)
        .append("<br>")
        .append(esc(shortId(m.id())))
        .append("</figcaption></figure>\n");
  }

  private void curve(List<CurvePoint> points) {
    h.append("<section id=\"curve\">\n<h2>Redundancy curve</h2>\n<p class=\"why\">Test accuracy")
        .append(" after training from scratch on each subset, mean &plusmn; standard deviation")
        .append(" over the trials (Birodkar et al. 2019, Figure 2).</p>\n<figure class=\"curve\">")
        .append(CurvePlot.svg(points, "Redundancy curve: " + datasetName()))
        .append("</figure>\n<table class=\"curve-points\">\n<tr><th>method</th>")
        .append("<th class=\"num\">fraction</th><th class=\"num\">n_train</th>")
        .append("<th class=\"num\">accuracy %</th><th class=\"num\">std</th>")
        .append("<th class=\"num\">trials</th></tr>\n");
    for (CurvePoint p : points) {
      h.append("<tr><td>").append(esc(p.method())).append("</td>");
      num("fraction", fractionText(p.fraction()), "");
      num("n_train", fmt(p.nTrain()), "");
      num("mean", String.format(Locale.ROOT, "%.2f", 100 * p.mean()), Double.toString(p.mean()));
      num(
          "std",
          Double.isNaN(p.std()) ? "" : String.format(Locale.ROOT, "%.2f", 100 * p.std()),
          "");
      num("trials", Integer.toString(p.n()), "");
      h.append("</tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  private void manifestSection() {
    String json = manifest.toJson();
    h.append("<section id=\"manifest\">\n<h2>Manifest</h2>\n<p class=\"why\">How this report")
        .append(" was made; each summary's manifest chains on to the embeddings and the")
        .append(" dataset.</p>\n<details><summary>manifest JSON</summary><pre>")
        .append(esc(json))
        .append("</pre></details>\n</section>\n")
        .append("<script type=\"application/json\" id=\"winnow-manifest\">")
        .append(json.replace("</", "<\\/"))
        .append("</script>\n");
  }

  private String why(PruneResult r) {
    PruneSummary s = r.summary();
    String f = fractionText(s.fraction());
    String seed =
        r.manifest().seed().isPresent() ? " (seed " + r.manifest().seed().getAsLong() + ")" : "";
    return switch (s.method()) {
      case "semantic" ->
          "Each class was clustered on its own by agglomerative clustering with complete linkage"
              + " on the cosine dissimilarity (1 &minus; cos) of the embeddings, and cut into"
              + " round("
              + f
              + " &middot; n) clusters (Birodkar et al. 2019, section 3.2). In each cluster the"
              + " member closest to the cluster's mean embedding was kept; the other members are"
              + " redundant with it, since a sample that close in the network's view stays in the"
              + " training set. Each cluster is one group below.";
      case "random" ->
          "Baseline: a class-stratified uniform random subset"
              + seed
              + " with the same per-class counts as semantic pruning at "
              + f
              + ". For the gallery each removed sample is grouped with the kept sample most"
              + " similar to it.";
      case "saln" ->
          "SALN's spectral selection"
              + seed
              + ": within each class, batches were scored by the entries of the Fiedler vector of"
              + " their cosine-similarity graph, keeping the largest. For the gallery each removed"
              + " sample is grouped with the kept sample most similar to it.";
      default ->
          "Method "
              + esc(s.method())
              + " kept "
              + f
              + " of each class; each removed sample is grouped with its representative.";
    };
  }

  private void card(String big, String small) {
    h.append("<div class=\"card\"><b>")
        .append(esc(big))
        .append("</b><span>")
        .append(esc(small))
        .append("</span></div>");
  }

  private void row(String key, String value) {
    h.append("<tr><td>")
        .append(esc(key))
        .append("</td><td>")
        .append(esc(value))
        .append("</td></tr>\n");
  }

  private String attr(String name, String otherwise) {
    return provenance.attributes().getOrDefault(name, otherwise);
  }

  private String datasetName() {
    return provenance.dataset().root().getFileName().toString();
  }

  private static int redundantGroups(PruneSummary.Counts c) {
    return c.groupSizes().entrySet().stream()
        .filter(e -> e.getKey() >= 2)
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  /** The text a mean dissimilarity is shown as, 3 significant digits; a dash when undefined. */
  static String dissimilarity(OptionalDouble d) {
    return d.isPresent() ? String.format(Locale.ROOT, "%.3g", d.getAsDouble()) : "–";
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String fractionText(double f) {
    return Pruning.folderName(f).substring("keep-".length());
  }

  private static String heading(PruneResult r) {
    return "Keep " + fractionText(r.summary().fraction()) + ", " + r.summary().method();
  }

  private static String anchor(PruneResult r) {
    return Pruning.folderName(r.summary().fraction()) + "-" + r.summary().method();
  }

  /** The file name of a folder dataset's id; binary formats' ids are short already. */
  private static String shortId(String id) {
    int slash = id.lastIndexOf('/');
    return id.indexOf('/') == slash ? id : id.substring(slash + 1);
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }
}
