package org.winnow.prune;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.winnow.datasets.DatasetException;

/**
 * Reads the CSV files Winnow writes (RFC 4180, UTF-8, one header line) row by row, so that every
 * reader checks columns and field counts and reports a bad value the same way: one line naming the
 * file, the line number and the column.
 */
public final class CsvRows {

  private CsvRows() {}

  /** Turns one row into a value; may throw {@link DatasetException} through {@link Row}. */
  @FunctionalInterface
  public interface Mapper<T> {
    T map(Row row);
  }

  /** One data row, with typed access that names the file, line and column on bad values. */
  public static final class Row {
    private final Path file;
    private final CSVRecord rec;
    private final long line;

    private Row(Path file, CSVRecord rec, long line) {
      this.file = file;
      this.rec = rec;
      this.line = line;
    }

    /** The text of a column. */
    public String text(String column) {
      return rec.get(column);
    }

    /** The row's line number in the file. */
    public long line() {
      return line;
    }

    /** Whether the file has this column. */
    public boolean has(String column) {
      return rec.isMapped(column);
    }

    /** A whole number. */
    public int integer(String column) {
      try {
        return Integer.parseInt(rec.get(column).strip());
      } catch (NumberFormatException e) {
        throw bad(column, "is not a whole number");
      }
    }

    /** A decimal number; {@code NaN} and {@code nan} are accepted. */
    public double decimal(String column) {
      String v = rec.get(column).strip();
      if (v.equalsIgnoreCase("nan")) {
        return Double.NaN;
      }
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw bad(column, "is not a number");
      }
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean bool(String column) {
      String v = rec.get(column).strip();
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(v);
      }
      throw bad(column, "is not true or false");
    }

    /** An error about this row: {@code FILE: line N: MESSAGE}. */
    public DatasetException error(String message) {
      return new DatasetException(file + ": line " + line + ": " + message);
    }

    private DatasetException bad(String column, String problem) {
      return error(column + " '" + rec.get(column) + "' " + problem);
    }
  }

  /**
   * Reads every data row of a file.
   *
   * @param what what the file should be, for messages, e.g. {@code "groups file"}
   * @param required the columns the header must have
   * @throws DatasetException naming the file when it is missing, lacks a column, has a row with the
   *     wrong number of fields or a bad value
   */
  public static <T> List<T> read(Path file, String what, List<String> required, Mapper<T> mapper) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv =
            CSVParser.builder()
                .setReader(r)
                .setFormat(
                    CSVFormat.Builder.create(KeepList.FORMAT)
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
      List<String> header = csv.getHeaderNames();
      for (String column : required) {
        if (!header.contains(column)) {
          throw new DatasetException(
              file + ": not a " + what + ": no '" + column + "' column (header " + header + ")");
        }
      }
      List<T> out = new ArrayList<>();
      for (CSVRecord rec : csv) {
        Row row = new Row(file, rec, csv.getCurrentLineNumber());
        if (!rec.isConsistent()) {
          throw row.error("has the wrong number of fields");
        }
        out.add(mapper.map(row));
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException
        | java.io.UncheckedIOException
        | IllegalStateException
        | IllegalArgumentException e) {
      // commons-csv: IllegalStateException for a bad quote, IllegalArgumentException for a header
      // that names a column twice
      throw new DatasetException(file + ": cannot read " + what + " (" + e.getMessage() + ")", e);
    }
  }
}
