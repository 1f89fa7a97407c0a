package org.winnow.train.curve;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.prune.CsvRows;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.plot.CurveCsv;
import org.winnow.prune.plot.CurvePlot;
import org.winnow.prune.plot.CurvePoint;

/**
 * The curve's CSV files (RFC 4180, UTF-8, {@code \n} line ends, one header line): {@code runs.csv}
 * ({@link RunRow}), {@code curve.csv} ({@link CurvePoint}, written by {@link #values}) and each
 * finished run's one-row {@code run.csv}. Each is written whole under a temporary name and renamed.
 */
final class CurveTables {

  private static final CSVFormat FORMAT =
      CSVFormat.Builder.create(CSVFormat.RFC4180).setRecordSeparator('\n').get();

  private CurveTables() {}

  /** Writes rows of values under a header, atomically. */
  static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
    StringWriter text = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(text, FORMAT)) {
      csv.printRecord(header);
      for (List<String> row : rows) {
        csv.printRecord(row);
      }
    }
    AtomicFiles.writeString(file, text.toString());
  }

  /** Writes the one-row record of a finished run. */
  static void writeRun(Path file, RunRow row) throws IOException {
    write(file, RunRow.COLUMNS, List.of(row.values()));
  }

  /**
   * Reads the record of a finished run.
   *
   * @throws DatasetException naming the file when it is not one
   */
  static RunRow readRun(Path file) {
    List<RunRow> rows =
        CsvRows.read(
            file,
            "finished run's record",
            RunRow.COLUMNS,
            row -> {
              long seed;
              try {
                seed = Long.parseLong(row.text("seed"));
              } catch (NumberFormatException e) {
                throw row.error("seed '" + row.text("seed") + "' is not a whole number");
              }
              return new RunRow(
                  row.text("method"),
                  row.decimal("fraction"),
                  row.integer("trial"),
                  seed,
                  row.integer("n_train"),
                  row.decimal("test_accuracy"),
                  row.decimal("best_test_accuracy"),
                  row.decimal("wall_seconds"),
                  row.text("run_dir"));
            });
    if (rows.size() != 1) {
      throw new DatasetException(
          file + ": not a finished run's record (" + rows.size() + " rows); delete its run folder");
    }
    return rows.getFirst();
  }

  /**
   * Writes {@code runs.csv} and {@code curve.csv} for the rows finished so far, and draws {@code
   * curve.png} and {@code curve.svg} from the same points, so the plot always shows the table.
   */
  static List<CurvePoint> writeTables(Path out, CurveOptions options, List<RunRow> rows)
      throws IOException {
    write(out.resolve("runs.csv"), RunRow.COLUMNS, rows.stream().map(RunRow::values).toList());
    List<CurvePoint> points = points(options, rows);
    write(
        out.resolve("curve.csv"), CURVE_COLUMNS, points.stream().map(CurveTables::values).toList());
    if (!points.isEmpty()) {
      CurvePlot.write(
          points,
          "Test accuracy against training-set size",
          out.resolve("curve.png"),
          out.resolve("curve.svg"));
    }
    return points;
  }

  /**
   * One point per method and fraction that has a finished run: subset methods at every fraction (at
   * 1 the shared full runs), training selectors at 1; largest fraction first.
   */
  static List<CurvePoint> points(CurveOptions options, List<RunRow> rows) {
    List<Double> fractions =
        options.fractions().stream().sorted(Comparator.reverseOrder()).toList();
    List<CurvePoint> points = new ArrayList<>();
    for (String m : options.methods()) {
      for (double f : CurveMethods.isSubset(m) ? fractions : List.of(1.0)) {
        List<RunRow> served =
            rows.stream()
                .filter(r -> PlannedRun.serves(r.method(), r.fraction(), m, f))
                .sorted(Comparator.comparingInt(RunRow::trial))
                .toList();
        if (!served.isEmpty()) {
          points.add(point(m, f, served));
        }
      }
    }
    return points;
  }

  /** The columns of {@code curve.csv}. */
  static final List<String> CURVE_COLUMNS =
      Stream.concat(CurveCsv.COLUMNS.stream(), Stream.of(CurveCsv.WALL)).toList();

  /**
   * The point of {@code rows} (at least one), labelled {@code method} at {@code fraction}: the mean
   * final test accuracy, its sample standard deviation (n - 1 in the denominator; 0 for one trial),
   * the trials, and the mean wall time of a run.
   */
  static CurvePoint point(String method, double fraction, List<RunRow> rows) {
    int n = rows.size();
    double mean = rows.stream().mapToDouble(RunRow::testAccuracy).average().orElseThrow();
    double squares =
        rows.stream().mapToDouble(r -> (r.testAccuracy() - mean) * (r.testAccuracy() - mean)).sum();
    double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
    double wall = rows.stream().mapToDouble(RunRow::wallSeconds).average().orElseThrow();
    return new CurvePoint(method, fraction, rows.getFirst().nTrain(), mean, std, n, wall);
  }

  /** A point's values as text, in {@link #CURVE_COLUMNS} order. */
  static List<String> values(CurvePoint p) {
    return List.of(
        p.method(),
        KeepFractions.format(p.fraction()),
        Integer.toString(p.nTrain()),
        String.format(Locale.ROOT, "%.6f", p.mean()),
        String.format(Locale.ROOT, "%.6f", p.std()),
        Integer.toString(p.n()),
        String.format(Locale.ROOT, "%.3f", p.meanWallSeconds()));
  }
}
