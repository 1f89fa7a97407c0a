package org.winnow.prune.active;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winnow.prune.plot.CurvePlot;
import org.winnow.prune.plot.CurvePoint;

/**
 * The learning curves of a simulation, drawn by the redundancy curve's {@link CurvePlot}: test
 * accuracy against the labelled share of the pool (the label count under each tick), one line per
 * learner ({@code maxent}, or {@code maxent/seals} when several pools are compared), each point the
 * mean over trials with a ±std (sample standard deviation) error bar.
 */
public final class ActivePlot {

  private ActivePlot() {}

  /** The plot's points: one per learner and round. */
  public static List<CurvePoint> points(List<RoundRow> rows, int poolSize) {
    boolean pools = rows.stream().map(RoundRow::pool).distinct().count() > 1;
    Map<String, List<RoundRow>> byPoint = new LinkedHashMap<>();
    for (RoundRow r : rows) {
      String learner = pools ? r.strategy() + "/" + r.pool() : r.strategy();
      byPoint.computeIfAbsent(learner + "\n" + r.round(), k -> new ArrayList<>()).add(r);
    }
    List<CurvePoint> points = new ArrayList<>();
    for (Map.Entry<String, List<RoundRow>> e : byPoint.entrySet()) {
      List<RoundRow> trials = e.getValue();
      int n = trials.size();
      double mean = trials.stream().mapToDouble(RoundRow::testAcc).average().orElseThrow();
      double squares = trials.stream().mapToDouble(r -> Math.pow(r.testAcc() - mean, 2)).sum();
      double labelled = trials.stream().mapToDouble(RoundRow::labelled).average().orElseThrow();
      boolean agree = trials.stream().allMatch(r -> r.labelled() == trials.getFirst().labelled());
      points.add(
          new CurvePoint(
              e.getKey().substring(0, e.getKey().indexOf('\n')),
              labelled / poolSize,
              agree ? trials.getFirst().labelled() : 0,
              mean,
              n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
              n));
    }
    return points;
  }

  /** Writes {@code active.png} and {@code active.svg}. */
  public static void write(List<RoundRow> rows, int poolSize, String title, Path png, Path svg)
      throws IOException {
    CurvePlot.write(points(rows, poolSize), title, png, svg);
  }
}
