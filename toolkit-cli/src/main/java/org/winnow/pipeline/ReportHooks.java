package org.winnow.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.winnow.datasets.Progress;
import org.winnow.report.HtmlReport;
import org.winnow.report.ReportRequest;

/**
 * Where the jobs hand their results to the HTML-report code of {@code winnow report}: its only call
 * site in {@code run} and {@code demo} (the curve draws its own plot).
 */
public final class ReportHooks {

  private ReportHooks() {}

  /** Where a run folder's report goes: {@code report.html} in it. */
  static Path reportFile(Path runFolder) {
    return runFolder.resolve("report.html");
  }

  /**
   * Writes {@code report.html} into a run's folder ({@code keep.csv}, {@code groups.csv}, {@code
   * summary.json}, the embeddings), with a curve's {@code curve.csv} when given.
   *
   * @return the report
   */
  public static Path writeReport(
      Path runFolder, Optional<Path> curveFolder, String version, Progress progress)
      throws IOException {
    ReportRequest request =
        new ReportRequest(
            ReportRequest.pruneFoldersIn(runFolder),
            Optional.empty(),
            Optional.empty(),
            curveFolder.map(c -> c.resolve(ReportRequest.CURVE)),
            reportFile(runFolder),
            true,
            ReportRequest.DEFAULT_GROUPS_PER_CLASS,
            ReportRequest.DEFAULT_MAX_MEMBERS,
            version);
    return HtmlReport.write(request, progress).out();
  }
}
