package org.winnow.cli.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.winnow.datasets.Progress;
import org.winnow.prune.plot.CurveCsv;
import org.winnow.prune.plot.CurvePlot;
import org.winnow.report.HtmlReport;
import org.winnow.report.ReportRequest;

/**
 * Where the jobs hand their results to the plotting and HTML-report code of {@code winnow report}:
 * the only call sites of that code in {@code run}, {@code curve} and {@code demo}.
 */
public final class ReportHooks {

  private ReportHooks() {}

  /**
   * Draws {@code curve.png} and {@code curve.svg} from {@code curve.csv} in a curve's folder.
   *
   * @return the files written
   */
  public static List<Path> plotCurve(Path curveFolder, Consumer<String> log) throws IOException {
    Path png = curveFolder.resolve("curve.png");
    Path svg = curveFolder.resolve("curve.svg");
    CurvePlot.write(
        CurveCsv.read(curveFolder.resolve(ReportRequest.CURVE)),
        "Test accuracy against training-set size",
        png,
        svg);
    log.accept("plot: " + png + ", " + svg.getFileName());
    return List.of(png, svg);
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
            runFolder.resolve("report.html"),
            true,
            ReportRequest.DEFAULT_GROUPS_PER_CLASS,
            ReportRequest.DEFAULT_MAX_MEMBERS,
            version);
    return HtmlReport.write(request, progress).out();
  }
}
