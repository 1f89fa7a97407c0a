package org.winnow.prune;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;

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
    return CsvRows.read(
        file,
        "keep-list",
        List.of("id", "label", "class_name"),
        row ->
            new Entry(
                row.text("id"),
                row.integer("label"),
                row.text("class_name"),
                row.has("path") ? Optional.of(row.text("path")) : Optional.empty()));
  }

  /**
   * One row of {@code groups.csv}.
   *
   * @param id the sample id
   * @param label the class label
   * @param group the group number, unique within the class
   * @param representativeId the id of the group's retained sample
   * @param dissimilarity {@code 1 - cos} to the representative
   * @param kept whether the sample is kept
   */
  public record GroupRow(
      String id,
      int label,
      int group,
      String representativeId,
      double dissimilarity,
      boolean kept) {}

  /**
   * Reads a {@code groups.csv}.
   *
   * @throws DatasetException naming the file (and line) when it is missing or malformed
   */
  public static List<GroupRow> readGroups(Path file) {
    return CsvRows.read(
        file,
        "groups file",
        List.of("id", "label", "group", "representative_id", "dissimilarity", "kept"),
        row ->
            new GroupRow(
                row.text("id"),
                row.integer("label"),
                row.integer("group"),
                row.text("representative_id"),
                row.decimal("dissimilarity"),
                row.bool("kept")));
  }

  /** The dataset folder, when the embeddings declare a folder dataset. */
  private static Optional<Path> folderRoot(EmbeddingSet data) {
    if (!"folder".equals(data.attributes().get(EmbeddingsHeader.DATASET_FORMAT))) {
      return Optional.empty();
    }
    return Optional.ofNullable(data.attributes().get(EmbeddingsHeader.DATASET_PATH)).map(Path::of);
  }
}
