package org.winnow.cli.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the jobs hand their results to the plotting and HTML-report code ({@code winnow report}).
 * Both are the only call sites of that code, so wiring it in is a change here and nowhere else.
 */
public final class ReportHooks {

  private ReportHooks() {}

  /**
   * Draws {@code curve.png} and {@code curve.svg} from {@code curve.csv} in a curve's folder.
   *
   * @return the files written
   */
  public static List<Path> plotCurve(Path curveFolder, Consumer<String> log) {
    log.accept("plot: curve.png/curve.svg are drawn by winnow report, not in this build");
    return List.of();
  }

  /**
   * Writes {@code report.html} for a run's folder ({@code keep.csv}, {@code groups.csv}, {@code
   * summary.json}, the embeddings) and, when given, a curve's folder.
   *
   * @return the report, when one was written
   */
  public static Optional<Path> writeReport(
      Path runFolder, Optional<Path> curveFolder, Consumer<String> log) {
    log.accept("report: report.html is written by winnow report, not in this build");
    return Optional.empty();
  }
}
