package org.winnow.cli;

import java.io.PrintWriter;
import java.util.List;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.DatasetSummary;

/** Renders a {@link DatasetSummary} as the plain-text table {@code datasets inspect} prints. */
final class SummaryReport {

  private static final int MAX_BAD_LISTED = 50;

  private SummaryReport() {}

  static void print(DatasetSummary s, boolean bundled, PrintWriter out) {
    out.printf("Dataset  %s%s%n", s.root(), bundled ? "  (bundled sample)" : "");
    out.printf("Format   %s%n", s.format().cliName());
    out.printf("Samples  %,d in %s%n", s.total(), splitList(s));
    out.printf("Images   %s%n", sizes(s.sizes()));
    out.printf("Classes  %d%n", s.classNames().size());
    out.printf("Index    sha256 %s%n", s.indexSha256());
    out.println();

    int nameWidth = Math.max(5, s.classNames().stream().mapToInt(String::length).max().orElse(5));
    StringBuilder header =
        new StringBuilder(String.format("  %-5s %-" + nameWidth + "s", "label", "class"));
    for (DatasetSummary.SplitCounts c : s.splits()) {
      header.append(String.format(" %9s", c.split().id()));
    }
    out.println(header);
    for (int label = 0; label < s.classNames().size(); label++) {
      StringBuilder row =
          new StringBuilder(
              String.format("  %5d %-" + nameWidth + "s", label, s.classNames().get(label)));
      for (DatasetSummary.SplitCounts c : s.splits()) {
        row.append(String.format(" %,9d", c.perClass()[label]));
      }
      out.println(row);
    }
    StringBuilder total =
        new StringBuilder(String.format("  %5s %-" + nameWidth + "s", "", "total"));
    for (DatasetSummary.SplitCounts c : s.splits()) {
      total.append(String.format(" %,9d", c.total()));
    }
    out.println(total);
    out.println();

    List<BadFile> bad = s.badFiles();
    if (bad.isEmpty()) {
      out.println("Bad files: none");
    } else {
      out.printf("Bad files: %d skipped%n", bad.size());
      bad.stream().limit(MAX_BAD_LISTED).forEach(b -> out.println("  " + b));
      if (bad.size() > MAX_BAD_LISTED) {
        out.printf("  ... and %d more%n", bad.size() - MAX_BAD_LISTED);
      }
    }
    for (String note : s.notes()) {
      out.println("Note: " + note);
    }
    out.flush();
  }

  private static String splitList(DatasetSummary s) {
    StringBuilder sb = new StringBuilder();
    for (DatasetSummary.SplitCounts c : s.splits()) {
      sb.append(sb.isEmpty() ? "" : ", ")
          .append(c.split().id())
          .append(String.format(" %,d", c.total()));
    }
    return sb.isEmpty() ? "no splits" : sb.toString();
  }

  private static String sizes(DatasetSummary.SizeStats z) {
    if (z.decoded() == 0) {
      return "none decoded";
    }
    String channels =
        z.channels() == 1 ? "1 channel (grayscale)" : z.channels() + " channels (RGB)";
    if (z.uniform()) {
      return z.minWidth() + "x" + z.minHeight() + " (width x height), " + channels;
    }
    return String.format(
        "%dx%d to %dx%d (width x height; most common %dx%d, %,d images), %s",
        z.minWidth(),
        z.minHeight(),
        z.maxWidth(),
        z.maxHeight(),
        z.commonWidth(),
        z.commonHeight(),
        z.commonCount(),
        channels);
  }
}
