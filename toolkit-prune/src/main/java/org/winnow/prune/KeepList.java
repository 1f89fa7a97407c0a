package org.winnow.prune;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.winnow.datasets.DatasetException;

/**
 * The two CSV files of a pruning result (RFC 4180, UTF-8, {@code \n} line ends, one header line):
 *
 * <ul>
 *   <li>{@code keep.csv}: the kept samples in dataset order, columns {@code id,label,class_name},
 *       plus {@code path} (the image file) when the embeddings came from a folder dataset. This is
 *       the file to hand to training code.
 *   <li>{@code groups.csv}: every sample, columns {@code
 *       id,label,group,representative_id,dissimilarity,kept}; {@code group} is unique within its
 *       class, {@code dissimilarity} is {@code 1 - cos} to the representative.
 * </ul>
 */
public final class KeepList {

  static final CSVFormat FORMAT =
      CSVFormat.Builder.create(CSVFormat.RFC4180).setRecordSeparator('\n').get();

  private KeepList() {}

  /**
   * One row of {@code keep.csv}.
   *
   * @param id the sample id
   * @param label the class label
   * @param className the class name
   * @param path the image file, for folder datasets
   */
  public record Entry(String id, int label, String className, Optional<String> path) {}

  /** Writes {@code keep.csv}. */
  static void writeKeep(Path file, EmbeddingSet data, Selection s) throws IOException {
    Optional<Path> folder = folderRoot(data);
    List<String> header = new ArrayList<>(List.of("id", "label", "class_name"));
    folder.ifPresent(f -> header.add("path"));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
      csv.printRecord(header);
      for (int i = 0; i < s.size(); i++) {
        if (!s.kept(i)) {
          continue;
        }
        int label = data.labels()[i];
        String id = data.ids().get(i);
        if (folder.isPresent()) {
          csv.printRecord(
              id, label, data.classNames().get(label), folder.get().resolve(id).toString());
        } else {
          csv.printRecord(id, label, data.classNames().get(label));
        }
      }
    }
  }

  /** Writes {@code groups.csv}. */
  static void writeGroups(Path file, EmbeddingSet data, Selection s) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
      csv.printRecord("id", "label", "group", "representative_id", "dissimilarity", "kept");
      for (int i = 0; i < s.size(); i++) {
        csv.printRecord(
            data.ids().get(i),
            data.labels()[i],
            s.group()[i],
            data.ids().get(s.representative()[i]),
            String.format(Locale.ROOT, "%.9f", s.dissimilarity()[i]),
            s.kept(i));
      }
    }
  }

  /**
   * Reads a {@code keep.csv}.
   *
   * @throws DatasetException naming the file when it is missing or malformed
   */
  public static List<Entry> read(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv =
            CSVParser.builder()
                .setReader(r)
                .setFormat(
                    CSVFormat.Builder.create(FORMAT).setHeader().setSkipHeaderRecord(true).get())
                .get()) {
      List<String> header = csv.getHeaderNames();
      for (String column : List.of("id", "label", "class_name")) {
        if (!header.contains(column)) {
          throw new DatasetException(
              file + ": not a keep-list: no '" + column + "' column (header " + header + ")");
        }
      }
      boolean hasPath = header.contains("path");
      List<Entry> out = new ArrayList<>();
      for (CSVRecord rec : csv) {
        if (!rec.isConsistent()) {
          throw new DatasetException(
              file + ": line " + csv.getCurrentLineNumber() + " has the wrong number of fields");
        }
        int label;
        try {
          label = Integer.parseInt(rec.get("label"));
        } catch (NumberFormatException e) {
          throw new DatasetException(
              file + ": line " + csv.getCurrentLineNumber() + ": label is not a number", e);
        }
        out.add(
            new Entry(
                rec.get("id"),
                label,
                rec.get("class_name"),
                hasPath ? Optional.of(rec.get("path")) : Optional.empty()));
      }
      return out;
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
      throw new DatasetException(file + ": cannot read keep-list (" + e.getMessage() + ")", e);
    }
  }

  /** The dataset folder, when the embeddings declare a folder dataset. */
  private static Optional<Path> folderRoot(EmbeddingSet data) {
    if (!"folder".equals(data.attributes().get("dataset_format"))) {
      return Optional.empty();
    }
    return Optional.ofNullable(data.attributes().get("dataset_path")).map(Path::of);
  }
}
