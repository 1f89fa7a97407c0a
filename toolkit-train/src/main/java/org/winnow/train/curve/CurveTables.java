package org.winnow.train.curve;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;

/**
 * The curve's CSV files (RFC 4180, UTF-8, {@code \n} line ends, one header line): {@code runs.csv}
 * ({@link RunRow}), {@code curve.csv} ({@link CurvePoint}) and each finished run's one-row {@code
 * run.csv}. Each is written whole under a temporary name and renamed.
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
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv =
            CSVParser.builder()
                .setReader(r)
                .setFormat(
                    CSVFormat.Builder.create(FORMAT).setHeader().setSkipHeaderRecord(true).get())
                .get()) {
      List<CSVRecord> records = csv.getRecords();
      if (!csv.getHeaderNames().equals(RunRow.COLUMNS) || records.size() != 1) {
        throw new DatasetException(file + ": not a finished run's record; delete its run folder");
      }
      return RunRow.parse(records.getFirst().toList());
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new DatasetException(
          file + ": cannot read a finished run's record (" + e.getMessage() + ")", e);
    }
  }

  /** Writes {@code runs.csv} and {@code curve.csv} for the rows finished so far. */
  static List<CurvePoint> writeTables(Path out, CurveOptions options, List<RunRow> rows)
      throws IOException {
    write(out.resolve("runs.csv"), RunRow.COLUMNS, rows.stream().map(RunRow::values).toList());
    List<CurvePoint> points = points(options, rows);
    write(
        out.resolve("curve.csv"),
        CurvePoint.COLUMNS,
        points.stream().map(CurvePoint::values).toList());
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
    for (CurveMethod m : options.methods()) {
      for (double f : m.isSubset() ? fractions : List.of(1.0)) {
        List<RunRow> served =
            rows.stream()
                .filter(r -> PlannedRun.serves(r.method(), r.fraction(), m, f))
                .sorted(Comparator.comparingInt(RunRow::trial))
                .toList();
        if (!served.isEmpty()) {
          points.add(CurvePoint.of(m.id(), f, served));
        }
      }
    }
    return points;
  }
}
