package org.winnow.prune;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Sample;
import org.winnow.datasets.SamplePaths;
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
 *       id,label,group,representative_id,dissimilarity,kept,group_diameter}; {@code group} is
 *       unique within its class, {@code dissimilarity} is {@code 1 - cos} to the representative,
 *       {@code group_diameter} the largest {@code 1 - cos} between two members of the sample's
 *       group (0 for a group of one; {@link GroupDiameters}). For {@code prototype} ({@link
 *       Selection.Kind#CLUSTER_DIFFICULTY}) {@code group} is the k-means cluster, {@code
 *       dissimilarity} the difficulty ({@code 1 - cos} to the cluster's centroid) and {@code
 *       representative_id} the kept sample of the class most similar to the sample.
 * </ul>
 */
public final class KeepList {

  /** How many ids an error message names before "and N more". */
  private static final int NAMED = 5;

  /** The CSV dialect of every file Winnow writes: RFC 4180 with {@code \n} line ends. */
  public static final CSVFormat FORMAT =
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
    writeKeep(file, data, s::kept);
  }

  /**
   * Writes a {@code keep.csv} of the rows of {@code data} that {@code kept} accepts, in dataset
   * order: how other stages (an active-learning round's labelled set) write the same format.
   */
  public static void writeKeep(Path file, EmbeddingSet data, IntPredicate kept) throws IOException {
    Optional<Path> folder = folderRoot(data);
    writeKeep(
        file,
        data.ids(),
        data.labels(),
        data.classNames(),
        folder.map(f -> i -> imageFile(data, i).orElseThrow().toString()),
        kept);
  }

  /**
   * Writes a {@code keep.csv} from the ids, labels and class names alone, for an engine that holds
   * the embeddings elsewhere (toolkit-spark): the same bytes as {@link #writeKeep(Path,
   * EmbeddingSet, IntPredicate)} for a set with these ids, labels and class names.
   *
   * @param path each row's image file, for the {@code path} column of a folder dataset; empty for
   *     no such column
   */
  public static void writeKeep(
      Path file,
      List<String> ids,
      int[] labels,
      List<String> classNames,
      Optional<IntFunction<String>> path,
      IntPredicate kept)
      throws IOException {
    List<String> header = new ArrayList<>(List.of("id", "label", "class_name"));
    path.ifPresent(f -> header.add("path"));
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
      csv.printRecord(header);
      for (int i = 0; i < labels.length; i++) {
        if (!kept.test(i)) {
          continue;
        }
        int label = labels[i];
        String id = ids.get(i);
        if (path.isPresent()) {
          csv.printRecord(id, label, classNames.get(label), path.get().apply(i));
        } else {
          csv.printRecord(id, label, classNames.get(label));
        }
      }
    }
  }

  /**
   * The image file of row {@code row}, when the embeddings declare a folder dataset: the {@code
   * path} column of the files Winnow writes for such sets.
   */
  public static Optional<Path> imageFile(EmbeddingSet data, int row) {
    return folderRoot(data)
        .map(f -> f.resolve(SamplePaths.relative(data.source(), data.ids().get(row), "dataset")));
  }

  /** Writes {@code groups.csv}. */
  static void writeGroups(Path file, EmbeddingSet data, Selection s, double[] diameters)
      throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
      csv.printRecord(
          "id", "label", "group", "representative_id", "dissimilarity", "kept", "group_diameter");
      for (int i = 0; i < s.size(); i++) {
        csv.printRecord(
            data.ids().get(i),
            data.labels()[i],
            s.group()[i],
            data.ids().get(s.representative()[i]),
            String.format(Locale.ROOT, "%.9f", s.dissimilarity()[i]),
            s.kept(i),
            String.format(Locale.ROOT, "%.9f", diameters[i]));
      }
    }
  }

  /**
   * Reads a {@code keep.csv}.
   *
   * @throws DatasetException naming the file (and line) when it is missing, malformed or lists an
   *     id twice
   */
  public static List<Entry> read(Path file) {
    Map<String, Long> lineOf = new HashMap<>();
    List<Entry> entries =
        CsvRows.read(
            file,
            "keep-list",
            List.of("id", "label", "class_name"),
            row -> {
              Long first = lineOf.putIfAbsent(row.text("id"), row.line());
              if (first != null) {
                throw row.error(
                    "ids are not unique: '"
                        + row.text("id")
                        + "' is listed again (first on line "
                        + first
                        + ")");
              }
              return new Entry(
                  row.text("id"),
                  row.integer("label"),
                  row.text("class_name"),
                  row.has("path") ? Optional.of(row.text("path")) : Optional.empty());
            });
    return entries;
  }

  /**
   * Refuses a keep-list whose labels disagree with the dataset it is applied to: a keep-list made
   * from another dataset, or edited, would otherwise train or copy under the wrong classes.
   *
   * @param labels the label the keep-list gives each id
   * @param dataset the dataset's samples by id; ids it lacks are not checked here
   * @throws DatasetException naming the file, how many ids disagree, and the first few
   */
  public static void requireLabelsAgree(
      Path file, Map<String, Integer> labels, Map<String, Sample> dataset) {
    List<String> named = new ArrayList<>();
    int disagree = 0;
    for (Map.Entry<String, Integer> e : labels.entrySet()) {
      Sample s = dataset.get(e.getKey());
      if (s != null && s.label() != e.getValue()) {
        if (disagree++ < NAMED) {
          named.add(
              String.format(
                  Locale.ROOT,
                  "'%s' is %d in the keep-list, %d (%s) in the dataset",
                  e.getKey(),
                  e.getValue(),
                  s.label(),
                  s.className()));
        }
      }
    }
    if (disagree > 0) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: the label of %,d id%s disagrees with the dataset: %s%s; was the keep-list made"
                  + " from another dataset?",
              file,
              disagree,
              disagree == 1 ? "" : "s",
              String.join(", ", named),
              disagree > NAMED
                  ? String.format(Locale.ROOT, " and %,d more", disagree - NAMED)
                  : ""));
    }
  }

  /** The label of each entry, by id, in file order. */
  public static Map<String, Integer> labels(List<Entry> entries) {
    Map<String, Integer> out = new LinkedHashMap<>();
    entries.forEach(e -> out.put(e.id(), e.label()));
    return out;
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

  /**
   * Refuses embeddings of a folder dataset with an id that cannot be a path inside the dataset
   * (empty, absolute, or with {@code ..}), before any work: {@code keep.csv}'s {@code path} column
   * is made from them.
   *
   * @throws DatasetException naming the embeddings file and the first such id
   */
  static void requirePathIds(EmbeddingSet data) {
    if (folderRoot(data).isPresent()) {
      data.ids().forEach(id -> SamplePaths.relative(data.source(), id, "dataset"));
    }
  }

  /** The dataset folder, when the embeddings declare a folder dataset. */
  private static Optional<Path> folderRoot(EmbeddingSet data) {
    if (!"folder".equals(data.attributes().get(EmbeddingsHeader.DATASET_FORMAT))) {
      return Optional.empty();
    }
    return Optional.ofNullable(data.attributes().get(EmbeddingsHeader.DATASET_PATH)).map(Path::of);
  }
}
