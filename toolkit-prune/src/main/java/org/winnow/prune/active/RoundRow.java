package org.winnow.prune.active;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.prune.CsvRows;
import org.winnow.prune.KeepList;

/**
 * One row of {@code rounds.csv}: the state of one simulated learner after a round.
 *
 * @param strategy the acquisition strategy
 * @param pool all or seals
 * @param trial the trial, from 0
 * @param round the round, from 0 (the initial labels)
 * @param labelled how many samples are labelled
 * @param candidatesScored how many candidates the selection that brought this round's labels scored
 *     (0 at round 0)
 * @param testAcc the head's accuracy on the held-out test samples, in [0, 1]
 * @param selectSeconds that selection's wall time: growing the SEALS pool, scoring, choosing
 * @param trainSeconds the wall time of training this round's head
 */
public record RoundRow(
    String strategy,
    String pool,
    int trial,
    int round,
    int labelled,
    int candidatesScored,
    double testAcc,
    double selectSeconds,
    double trainSeconds) {

  /** The columns of {@code rounds.csv}, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "strategy",
          "pool",
          "trial",
          "round",
          "labelled",
          "candidates_scored",
          "test_acc",
          "select_seconds",
          "train_seconds");

  /** The rows as CSV text with the header line. */
  public static String csv(List<RoundRow> rows) {
    StringWriter w = new StringWriter();
    try (CSVPrinter csv = new CSVPrinter(w, KeepList.FORMAT)) {
      csv.printRecord(COLUMNS);
      for (RoundRow r : rows) {
        csv.printRecord(
            r.strategy,
            r.pool,
            r.trial,
            r.round,
            r.labelled,
            r.candidatesScored,
            String.format(Locale.ROOT, "%.6f", r.testAcc),
            String.format(Locale.ROOT, "%.6f", r.selectSeconds),
            String.format(Locale.ROOT, "%.6f", r.trainSeconds));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Reads a {@code rounds.csv}.
   *
   * @throws org.winnow.datasets.DatasetException naming the file and line of a bad row
   */
  public static List<RoundRow> read(Path file) {
    return CsvRows.read(
        file,
        "rounds table",
        COLUMNS,
        row ->
            new RoundRow(
                row.text("strategy"),
                row.text("pool"),
                row.integer("trial"),
                row.integer("round"),
                row.integer("labelled"),
                row.integer("candidates_scored"),
                row.decimal("test_acc"),
                row.decimal("select_seconds"),
                row.decimal("train_seconds")));
  }
}
