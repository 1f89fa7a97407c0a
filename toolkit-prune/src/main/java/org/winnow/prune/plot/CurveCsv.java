package org.winnow.prune.plot;

import java.nio.file.Path;
import java.util.List;
import org.winnow.prune.CsvRows;

/**
 * Reads {@code curve.csv}, the table behind a redundancy curve: one row per (method, fraction),
 * columns {@code method, fraction, n_train, mean, std, n} and, optionally, {@code
 * mean_wall_seconds}; accuracies as fractions in [0, 1].
 */
public final class CurveCsv {

  /** The columns every curve table has. */
  public static final List<String> COLUMNS =
      List.of("method", "fraction", "n_train", "mean", "std", "n");

  /** The optional column of each run's mean wall time, which {@code winnow curve} writes last. */
  public static final String WALL = "mean_wall_seconds";

  private CurveCsv() {}

  /**
   * Reads the points of a curve file.
   *
   * @throws org.winnow.datasets.DatasetException naming the file and line when it is missing, lacks
   *     a column, or holds a value out of range
   */
  public static List<CurvePoint> read(Path file) {
    return CsvRows.read(
        file,
        "curve table",
        COLUMNS,
        row -> {
          try {
            return new CurvePoint(
                row.text("method"),
                row.decimal("fraction"),
                row.integer("n_train"),
                row.decimal("mean"),
                row.decimal("std"),
                row.integer("n"),
                row.has(WALL) ? row.decimal(WALL) : Double.NaN);
          } catch (IllegalArgumentException e) {
            throw row.error(e.getMessage());
          }
        });
  }
}
