package org.winnow.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.winnow.datasets.Progress;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.PruneSummary;
import org.winnow.prune.Pruning;
import org.winnow.prune.Selection;
import org.winnow.prune.SelectionMethods;
import org.winnow.prune.active.RoundRow;
import org.winnow.prune.advise.AdviceFile;
import org.winnow.prune.advise.Recommendation;
import org.winnow.prune.advise.RetrainedComparison;
import org.winnow.prune.plot.CurveNoise;
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

  /** The style sheet, inlined so the page needs nothing beside it. */
  static final String CSS = resource("report.css");

  private final ReportRequest request;
  private final Provenance provenance;
  private final Manifest manifest;
  private final StringBuilder h = new StringBuilder(1 << 16);
  private final GalleryHtml gallery;

  ReportPage(ReportRequest request, Provenance provenance, Manifest manifest, Progress progress) {
    this.request = request;
    this.provenance = provenance;
    this.manifest = manifest;
    this.gallery =
        new GalleryHtml(
            provenance,
            request.groupsPerClass(),
            request.maxMembers(),
            Objects.requireNonNull(progress, "progress"));
  }

  int groupsShown() {
    return gallery.groupsShown();
  }

  int thumbnails() {
    return gallery.thumbnails();
  }

  /** The whole document. */
  String render(
      List<PruneResult> results,
      Optional<List<CurvePoint>> curve,
      Optional<Active> active,
      Optional<Advised> advised) {
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
    active.ifPresent(a -> h.append("<a href=\"#active\">Active learning</a>"));
    advised.ifPresent(a -> h.append("<a href=\"#advice\">How much can go</a>"));
    h.append("<a href=\"#manifest\">Manifest</a></nav>\n</header>\n<main>\n");
    inputs(results.getFirst().summary().overall().n(), curve.isPresent());
    gallery.prepare(results);
    for (PruneResult r : results) {
      prune(r);
    }
    curve.ifPresent(this::curve);
    active.ifPresent(this::active);
    advised.ifPresent(this::advice);
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
    card(
        all.meanDissimilarity().isPresent()
            ? dissimilarity(all.meanDissimilarity().getAsDouble())
            : "–",
        "mean dissimilarity to the retained sample");
    s.diameters()
        .ifPresent(
            d ->
                card(
                    dissimilarity(d.max()),
                    "largest group diameter: every group's members are within this 1 − cos"
                        + " of each other (median "
                        + dissimilarity(d.median())
                        + ", 90th percentile "
                        + dissimilarity(d.p90())
                        + ")"));
    StringBuilder options = new StringBuilder();
    r.manifest()
        .options()
        .forEach(
            (k, v) ->
                options.append(options.isEmpty() ? "" : ", ").append(k).append(" = ").append(v));
    r.manifest().seed().ifPresent(seed -> options.append(", seed = ").append(seed));
    h.append("</div>\n<p class=\"why\">Options: ")
        .append(esc(options.toString()))
        .append(". Output: ")
        .append(esc(r.folder().toAbsolutePath().normalize().toString()))
        .append(" (keep.csv, groups.csv, summary.json).</p>\n");
    s.threshold().ifPresent(this::epsilonTable);
    classTable(s);
    histograms(s);
    if (request.groupsPerClass() > 0) {
      gallery.append(h, r);
    }
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
    // One notation for the whole column, so that the numbers line up and compare at a glance.
    boolean scientific =
        s.classes().stream()
            .map(PruneSummary.Counts::meanDissimilarity)
            .filter(OptionalDouble::isPresent)
            .anyMatch(d -> d.getAsDouble() < SMALL);
    for (PruneSummary.Counts c : s.classes()) {
      classRow(c, "", scientific);
    }
    classRow(s.overall(), " class=\"total\"", scientific);
    h.append("</table>\n");
  }

  private void classRow(PruneSummary.Counts c, String trClass, boolean scientific) {
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
        c.meanDissimilarity().isPresent()
            ? dissimilarity(c.meanDissimilarity().getAsDouble(), scientific)
            : "–",
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
                "All classes, keep " + KeepFractions.format(s.fraction()),
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

  private void curve(List<CurvePoint> points) {
    h.append("<section id=\"curve\">\n<h2>Redundancy curve</h2>\n<p class=\"why\">Test accuracy")
        .append(" after training from scratch on each subset, mean &plusmn; standard deviation")
        .append(" over the trials (Birodkar et al. 2019, Figure 2).</p>\n<figure class=\"curve\">")
        .append(CurvePlot.svg(points, "Redundancy curve: " + datasetName()))
        .append("</figure>\n");
    noise(points);
    h.append("<table class=\"curve-points\">\n<tr><th>method</th>")
        .append("<th class=\"num\">fraction</th><th class=\"num\">n_train</th>")
        .append("<th class=\"num\">accuracy % (mean &plusmn; std)</th>")
        .append("<th class=\"num\">trials</th></tr>\n");
    for (CurvePoint p : points) {
      h.append("<tr><td>").append(esc(p.method())).append("</td>");
      num("fraction", KeepFractions.format(p.fraction()), "");
      num("n_train", fmt(p.nTrain()), "");
      h.append("<td class=\"num\" data-col=\"mean\" data-value=\"")
          .append(p.mean())
          .append("\" data-std=\"")
          .append(Double.isNaN(p.std()) ? "" : Double.toString(p.std()))
          .append("\">")
          .append(String.format(Locale.ROOT, "%.2f", 100 * p.mean()))
          .append(
              Double.isNaN(p.std()) || p.n() == 1
                  ? "" // one trial has no spread
                  : String.format(Locale.ROOT, " &plusmn; %.2f", 100 * p.std()))
          .append("</td>");
      num("trials", Integer.toString(p.n()), "");
      h.append("</tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  /**
   * One sentence per comparison with the baseline, saying whether it is within run-to-run noise
   * ({@link CurveNoise}), so that a gap between single runs is not read as a ranking.
   */
  private void noise(List<CurvePoint> points) {
    List<CurveNoise.Comparison> comparisons = CurveNoise.compare(points);
    if (comparisons.isEmpty()) {
      return;
    }
    h.append("<ul class=\"noise\">\n");
    for (CurveNoise.Comparison c : comparisons) {
      h.append("<li data-method=\"")
          .append(esc(c.method()))
          .append("\" data-fraction=\"")
          .append(KeepFractions.format(c.fraction()))
          .append("\" data-verdict=\"")
          .append(!c.judged() ? "unjudged" : c.withinNoise() ? "within-noise" : "beyond-noise")
          .append("\">")
          .append(esc(c.sentence()))
          .append("</li>\n");
    }
    h.append("</ul>\n<p class=\"why\">Within noise: the difference of the means is at most the")
        .append(" larger standard deviation over trials; beyond it is not yet significant.</p>\n");
  }

  /**
   * A {@code winnow active simulate} folder's results.
   *
   * @param rows its {@code rounds.csv}
   * @param svg its {@code active.svg}, inlined
   */
  record Active(List<RoundRow> rows, String svg) {}

  /** The simulation's plot and, per learner, its last round and its selection cost per round. */
  private void active(Active a) {
    h.append("<section id=\"active\">\n<h2>Active learning</h2>\n<p class=\"why\">")
        .append("Test accuracy of a linear head against the number of labels, mean &plusmn;")
        .append(" standard deviation over the trials, per strategy and pool (all: every unlabelled")
        .append(" sample scored; seals: the nearest neighbours of the labelled ones, Coleman et")
        .append(" al. 2022).</p>\n<figure class=\"curve\">")
        .append(a.svg())
        .append("</figure>\n<table class=\"active-learners\">\n<tr><th>strategy</th>")
        .append("<th>pool</th><th class=\"num\">labelled</th><th class=\"num\">accuracy %</th>")
        .append("<th class=\"num\">std</th><th class=\"num\">scored per round</th>")
        .append("<th class=\"num\">select s per round</th><th class=\"num\">trials</th></tr>\n");
    java.util.Map<String, List<RoundRow>> byLearner = new java.util.LinkedHashMap<>();
    for (RoundRow r : a.rows()) {
      byLearner
          .computeIfAbsent(r.strategy() + "\n" + r.pool(), k -> new java.util.ArrayList<>())
          .add(r);
    }
    for (List<RoundRow> rows : byLearner.values()) {
      int lastRound = rows.stream().mapToInt(RoundRow::round).max().orElseThrow();
      List<RoundRow> last = rows.stream().filter(r -> r.round() == lastRound).toList();
      List<RoundRow> selecting = rows.stream().filter(r -> r.round() > 0).toList();
      double mean = last.stream().mapToDouble(RoundRow::testAcc).average().orElseThrow();
      double std =
          Math.sqrt(
              last.stream().mapToDouble(r -> Math.pow(r.testAcc() - mean, 2)).sum()
                  / Math.max(1, last.size() - 1));
      h.append("<tr><td>")
          .append(esc(rows.getFirst().strategy()))
          .append("</td><td>")
          .append(esc(rows.getFirst().pool()))
          .append("</td>");
      num("labelled", fmt(last.getFirst().labelled()), "");
      num("mean", String.format(Locale.ROOT, "%.2f", 100 * mean), Double.toString(mean));
      num("std", last.size() > 1 ? String.format(Locale.ROOT, "%.2f", 100 * std) : "", "");
      num(
          "scored",
          fmt((long) selecting.stream().mapToInt(RoundRow::candidatesScored).average().orElse(0)),
          "");
      num(
          "select",
          String.format(
              Locale.ROOT,
              "%.4f",
              selecting.stream().mapToDouble(RoundRow::selectSeconds).average().orElse(0)),
          "");
      num("trials", Integer.toString(last.size()), "");
      h.append("</tr>\n");
    }
    h.append("</table>\n</section>\n");
  }

  /**
   * A {@code winnow advise} folder's answer, with the curve it is compared with.
   *
   * @param advice its {@code advice.json} and plot
   * @param curve the {@code curve.csv} compared with, if any
   * @param retrained per method of that curve, the fraction its retrained networks support
   */
  record Advised(AdviceFile advice, Optional<Path> curve, List<RetrainedComparison> retrained) {}

  /**
   * The recommended fraction, how it was chosen, each method's probe answer and, when there is a
   * retrained curve, what its networks support under the same overall rule.
   */
  private void advice(Advised a) {
    AdviceFile f = a.advice();
    h.append("<section id=\"advice\" data-method=\"")
        .append(esc(f.method()))
        .append("\" data-fraction=\"")
        .append(esc(KeepFractions.format(f.fraction())))
        .append("\">\n<h2>How much can go</h2>\n<p class=\"why\">winnow advise: a linear")
        .append(" softmax probe on the frozen embeddings, trained on the semantic and the random")
        .append(" subset of each fraction over several trials; an estimate made in seconds, where")
        .append(" a retrained curve takes hours.</p>\n<div class=\"cards\">");
    card(percent(f.fraction()), "recommended keep fraction (" + f.method() + ")");
    h.append("</div>\n<p class=\"recommendation\">")
        .append(esc(f.text()))
        .append("</p>\n<p class=\"why\">How it was chosen: ")
        .append(esc(f.rule()))
        .append(
            esc(
                String.format(
                    Locale.ROOT,
                    ". Tolerance: %s overall, %s per class. Test set: %s. Output: %s.",
                    points(f.tolerance()),
                    points(f.classTolerance()),
                    f.test(),
                    f.folder().toAbsolutePath().normalize())))
        .append("</p>\n<table class=\"advice-methods\">\n<tr><th>method</th>")
        .append("<th class=\"num\">probe keeps</th><th class=\"num\">accuracy %</th>")
        .append("<th class=\"num\">full set %</th>");
    boolean curve = !a.retrained().isEmpty();
    if (curve) {
      h.append("<th class=\"num\">retrained curve keeps</th>");
    }
    h.append("<th>next smaller fraction refused because</th></tr>\n");
    for (Recommendation r : f.methods()) {
      h.append("<tr data-method=\"").append(esc(r.method())).append("\"><td>");
      h.append(esc(r.method())).append("</td>");
      num("probe", percent(r.fraction()), KeepFractions.format(r.fraction()));
      num(
          "accuracy",
          String.format(Locale.ROOT, "%.2f", 100 * r.at())
              + (Double.isNaN(r.std()) || r.trials() < 2
                  ? "" // one trial has no spread
                  : String.format(Locale.ROOT, " ± %.2f", 100 * r.std())),
          Double.toString(r.at()));
      num("full", String.format(Locale.ROOT, "%.2f", 100 * r.full()), Double.toString(r.full()));
      if (curve) {
        Optional<RetrainedComparison> c =
            a.retrained().stream().filter(x -> x.method().equals(r.method())).findFirst();
        num(
            "retrained",
            c.isEmpty()
                ? "not in the curve"
                : c.get().retrained().isPresent()
                    ? percent(c.get().retrained().getAsDouble())
                    : c.get().below() == 0 ? "full set only" : "no full-set point",
            c.flatMap(x -> x.retrained().isPresent() ? Optional.of(x) : Optional.empty())
                .map(x -> KeepFractions.format(x.retrained().getAsDouble()))
                .orElse(""));
      }
      h.append("<td>")
          .append(esc(r.reason().orElse("(the smallest fraction tried)")))
          .append("</td></tr>\n");
    }
    h.append("</table>\n");
    if (curve) {
      h.append("<h3>Against the retrained curve</h3>\n<p class=\"comparison\">")
          .append(
              esc(
                  "Under the same overall tolerance, the networks that winnow curve retrained ("
                      + a.curve().map(p -> p.toAbsolutePath().normalize().toString()).orElse("")
                      + ") support: "
                      + RetrainedComparison.phrase(a.retrained())
                      + ". The probe is trained on frozen embeddings of a network that saw the"
                      + " whole set, so it tends to be optimistic; the retrained curve is what a"
                      + " network trained from scratch on the subset reached."))
          .append("</p>\n");
    }
    h.append("<figure class=\"curve\">").append(f.svg()).append("</figure>\n</section>\n");
  }

  private static String percent(double fraction) {
    return RetrainedComparison.percent(fraction);
  }

  /** An accuracy difference given as a fraction, in points: 0.01 is "1 point". */
  private static String points(double fraction) {
    String n = KeepFractions.format(100 * fraction);
    return n + (n.equals("1") ? " point" : " points");
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

  /**
   * The ε → kept-fraction table of a threshold method's run ({@code semdedup}), this output's row
   * marked, as the SemDeDup paper reports it (Abbas et al. 2023).
   */
  private void epsilonTable(Selection.Threshold t) {
    h.append(
            "<p class=\"why\">Dropped: cosine similarity to a kept sample above 1 &minus; &epsilon;")
        .append(" = ")
        .append(esc(KeepFractions.format(1 - t.epsilon())))
        .append(". The kept fraction is an outcome of &epsilon;:</p>\n<table class=\"epsilons\">")
        .append("<tr><th class=\"num\">&epsilon;</th><th class=\"num\">kept fraction</th></tr>\n");
    t.table()
        .forEach(
            (e, f) ->
                h.append(e == t.epsilon() ? "<tr class=\"this\">" : "<tr>")
                    .append("<td class=\"num\">")
                    .append(esc(KeepFractions.format(e)))
                    .append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%.4f", f))
                    .append("</td></tr>\n"));
    h.append("</table>\n");
  }

  /**
   * How the method chose: its registered details ({@link SelectionMethods}; a variant's are its
   * method's), with the seed when it drew at random; for a method this build does not know, what
   * the summary says.
   */
  private String why(PruneResult r) {
    PruneSummary s = r.summary();
    String seed =
        r.manifest().seed().isPresent() ? " Seed " + r.manifest().seed().getAsLong() + "." : "";
    return SelectionMethods.spec(s.method())
        .map(m -> esc(m.method().details() + seed))
        .orElseGet(
            () ->
                esc(
                    "Method "
                        + s.method()
                        + " kept "
                        + KeepFractions.format(s.fraction())
                        + " of each class; each removed sample is grouped with its representative."
                        + seed));
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

  /** Below this a dissimilarity is written in scientific notation (an untrained net gives 1e-4). */
  private static final double SMALL = 1e-3;

  /** A dissimilarity as text: 4 decimals, or 3 significant digits in scientific notation. */
  static String dissimilarity(double d, boolean scientific) {
    return String.format(Locale.ROOT, scientific ? "%.2e" : "%.4f", d);
  }

  /** A dissimilarity as text, in the notation its size calls for. */
  static String dissimilarity(double d) {
    return dissimilarity(d, d != 0 && d < SMALL);
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String heading(PruneResult r) {
    return "Keep " + KeepFractions.format(r.summary().fraction()) + ", " + r.summary().method();
  }

  private static String anchor(PruneResult r) {
    return Pruning.folderName(r.summary().fraction()) + "-" + r.summary().method();
  }

  private static String esc(String s) {
    return Markup.escape(s);
  }

  private static String resource(String name) {
    try (java.io.InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to ReportPage");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
