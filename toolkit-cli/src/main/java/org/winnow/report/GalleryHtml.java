package org.winnow.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.winnow.datasets.Progress;
import org.winnow.prune.KeepList;
import org.winnow.prune.plot.Markup;

/**
 * The HTML of the galleries: per class, the largest redundant groups ({@link Gallery}), every
 * member a thumbnail, the retained one first and outlined in green. Thumbnails are made once per
 * sample, however many fractions show it, by {@link #prepare} before any HTML is written.
 */
final class GalleryHtml {

  private final Provenance provenance;
  private final int groupsPerClass;
  private final int maxMembers;
  private final Progress progress;
  private final Map<String, String> thumbnailCache = new ConcurrentHashMap<>();
  private int groupsShown;
  private int thumbnails;

  GalleryHtml(Provenance provenance, int groupsPerClass, int maxMembers, Progress progress) {
    this.provenance = provenance;
    this.groupsPerClass = groupsPerClass;
    this.maxMembers = maxMembers;
    this.progress = progress;
  }

  /** Groups shown so far. */
  int groupsShown() {
    return groupsShown;
  }

  /** Thumbnails shown so far. */
  int thumbnails() {
    return thumbnails;
  }

  /**
   * Makes the thumbnails of every sample the galleries of these outputs will show, on all cores
   * (decoding and PNG encoding dominate the report's time), reporting each to the progress.
   */
  void prepare(List<PruneResult> results) {
    Set<String> ids = new LinkedHashSet<>();
    for (PruneResult r : results) {
      if (DifficultyGallery.shows(r.summary())) {
        for (DifficultyGallery.Rows rows : difficultyRows(r).values()) {
          rows.easiest().forEach(m -> ids.add(m.id()));
          rows.hardest().forEach(m -> ids.add(m.id()));
        }
        continue;
      }
      for (List<Gallery.Group> groups : Gallery.largest(r.groups(), groupsPerClass).values()) {
        for (Gallery.Group g : groups) {
          g.members().subList(0, Math.min(g.size(), maxMembers)).forEach(m -> ids.add(m.id()));
        }
      }
    }
    progress.start("thumbnails", ids.size());
    ids.parallelStream()
        .forEach(
            id -> {
              thumbnailCache.put(
                  id, Thumbnails.dataUri(provenance.dataset(), provenance.samples().get(id)));
              progress.advance(1);
            });
    progress.finish();
  }

  /** Appends the gallery of one prune output. */
  void append(StringBuilder h, PruneResult r) {
    if (DifficultyGallery.shows(r.summary())) {
      appendDifficulty(h, r);
      return;
    }
    TreeMap<Integer, List<Gallery.Group>> shown = Gallery.largest(r.groups(), groupsPerClass);
    boolean duplicates = r.summary().threshold().isPresent();
    h.append("<h3>Largest redundant groups</h3>\n<p class=\"why\">Per class, the ")
        .append(groupsPerClass)
        .append(" largest groups of two or more samples. The sample the method kept is outlined")
        .append(
            " in <span class=\"legend-kept\">green</span>; the others were removed as redundant")
        .append(" with it, ordered from the most to the least similar (d = 1 &minus; cos to the")
        .append(" kept sample). As in Birodkar et al. 2019, Figures 1, 3 and 11.")
        .append(
            duplicates
                ? " Here each removed sample is a near-duplicate of the kept one: its caption gives"
                    + " their cosine similarity, above 1 &minus; &epsilon;."
                : "")
        .append("</p>\n");
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
          .append(Markup.escape(name))
          .append("</h4>\n<div class=\"groups\">\n");
      for (Gallery.Group g : e.getValue()) {
        group(h, g, duplicates);
      }
      h.append("</div>\n</div>\n");
    }
  }

  /** At most {@link DifficultyGallery#PER_ROW} samples per row, and no more than a group shows. */
  private TreeMap<Integer, DifficultyGallery.Rows> difficultyRows(PruneResult r) {
    return DifficultyGallery.rows(r.groups(), Math.min(DifficultyGallery.PER_ROW, maxMembers));
  }

  /**
   * Prototype pruning's gallery: per class, the easiest samples in the top row and the hardest in
   * the bottom row ({@link DifficultyGallery}), each captioned with its difficulty.
   */
  private void appendDifficulty(StringBuilder h, PruneResult r) {
    TreeMap<Integer, DifficultyGallery.Rows> shown = difficultyRows(r);
    h.append("<h3>Easiest and hardest samples</h3>\n<p class=\"why\">Per class, the samples")
        .append(" nearest a k-means prototype (top row, easiest first) and the farthest from")
        .append(" every prototype (bottom row, hardest first), by d = 1 &minus; cos to the nearest")
        .append(" centroid, as in Sorscher et al. 2022. The samples the method kept are outlined")
        .append(" in <span class=\"legend-kept\">green</span>.</p>\n");
    List<String> names = provenance.dataset().classNames();
    for (DifficultyGallery.Rows rows : shown.values()) {
      int label = rows.label();
      h.append("<div class=\"class-gallery difficulty\" data-label=\"")
          .append(label)
          .append("\">\n<h4>")
          .append(Markup.escape(label < names.size() ? names.get(label) : Integer.toString(label)))
          .append("</h4>\n");
      difficultyRow(h, "easiest", rows.easiest());
      difficultyRow(h, "hardest", rows.hardest());
      h.append("</div>\n");
    }
  }

  private void difficultyRow(StringBuilder h, String end, List<KeepList.GroupRow> samples) {
    h.append("<div class=\"group\" data-row=\"")
        .append(end)
        .append("\">\n<div class=\"group-head\">")
        .append(end.equals("easiest") ? "Easiest" : "Hardest")
        .append("</div>\n<div class=\"members\">\n");
    for (KeepList.GroupRow m : samples) {
      String d = ReportPage.dissimilarity(m.dissimilarity());
      figure(
          h,
          m,
          m.kept(),
          " (" + (m.kept() ? "kept" : "removed") + "), cluster " + m.group() + ", d = " + d,
          "d = " + d);
    }
    h.append("</div>\n</div>\n");
  }

  private void group(StringBuilder h, Gallery.Group g, boolean duplicates) {
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
        .append(ReportPage.dissimilarity(g.meanDissimilarity()))
        .append("</div>\n<div class=\"members\">\n");
    int n = Math.min(g.size(), maxMembers);
    for (KeepList.GroupRow m : g.members().subList(0, n)) {
      member(h, m, m == g.retained(), duplicates);
    }
    if (g.size() > n) {
      h.append("<span class=\"more\">+ ").append(g.size() - n).append(" more not shown</span>\n");
    }
    h.append("</div>\n</div>\n");
  }

  /**
   * One member; a removed near-duplicate ({@code duplicates}) is captioned with its cosine to the
   * kept sample, the others with {@code d = 1 - cos}.
   */
  private void member(StringBuilder h, KeepList.GroupRow m, boolean retained, boolean duplicates) {
    String d =
        duplicates
            ? "cos " + ReportPage.dissimilarity(1 - m.dissimilarity())
            : "d = " + ReportPage.dissimilarity(m.dissimilarity());
    figure(h, m, retained, retained ? " (kept)" : " (removed), " + d, retained ? "kept" : d);
  }

  /**
   * One thumbnail, outlined in green when {@code retained}.
   *
   * @param title what the tooltip adds to the id
   * @param caption the first caption line, above the short id
   */
  private void figure(
      StringBuilder h, KeepList.GroupRow m, boolean retained, String title, String caption) {
    thumbnails++;
    String uri = thumbnailCache.get(m.id());
    h.append("<figure class=\"member ")
        .append(retained ? "kept" : "dropped")
        .append("\" data-id=\"")
        .append(Markup.escape(m.id()))
        .append("\" data-kept=\"")
        .append(retained)
        .append("\" title=\"")
        .append(Markup.escape(m.id()))
        .append(Markup.escape(title))
        .append("\"><img src=\"")
        .append(uri)
        .append("\" alt=\"")
        .append(Markup.escape(m.id()))
        .append("\"><figcaption>")
        .append(caption)
        .append("<br>")
        .append(Markup.escape(shortId(m.id())))
        .append("</figcaption></figure>\n");
  }

  /** The file name of a folder dataset's id; binary formats' ids are short already. */
  private static String shortId(String id) {
    int slash = id.lastIndexOf('/');
    return id.indexOf('/') == slash ? id : id.substring(slash + 1);
  }
}
