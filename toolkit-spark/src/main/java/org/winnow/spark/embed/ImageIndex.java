package org.winnow.spark.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.folder.FileListDataset;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/**
 * The images to embed, in output order, built on the driver from a manifest or a folder. Rows are
 * sorted by id ({@link String#compareTo}), the order {@code winnow embed} gives a folder, so that
 * part {@code k} holds the same rows on every run.
 *
 * <p>The whole index is held by the driver: about 200 bytes a row, so ImageNet-21k's 14 M rows need
 * some 3 GB of driver heap.
 *
 * @param source the manifest or folder, as given, for messages
 * @param rows every image, sorted by id
 * @param classNames class names, indexed by label
 * @param indexSha256 the {@link IndexHash} of the index
 * @param input the manifest file, or the folder's index, as a manifest input
 * @param datasetRoot the root of a binary dataset (IDX, CIFAR), which every task opens itself and
 *     whose rows it decodes by id; empty when each row is an image file
 */
record ImageIndex(
    String source,
    List<ImageRow> rows,
    List<String> classNames,
    String indexSha256,
    Manifest.Input input,
    String datasetRoot) {

  /** The columns a manifest may have; {@code path} and {@code label} are required. */
  static final List<String> COLUMNS = List.of("path", "label", "class_name", "id");

  /**
   * The dataset at {@code dir} as {@code winnow embed --data DIR} reads it, limited to {@code
   * split}: class folders (failing on a bad image file or an empty class folder), each row an image
   * file; or a binary dataset (IDX, CIFAR), each row a sample of it in the dataset's own order.
   *
   * @throws DatasetException with one line
   */
  static ImageIndex ofFolder(Path dir, Optional<Split> split) {
    ImageDataset ds = Datasets.open(dir, OpenOptions.defaults(), Progress.NONE);
    List<Sample> samples = split.map(ds::samples).orElseGet(ds::samples);
    if (samples.isEmpty()) {
      throw new DatasetException(
          ds.root() + ": no samples in split '" + split.map(Split::id).orElse("all") + "'");
    }
    boolean files = ds.format() == DatasetFormat.FOLDER;
    List<ImageRow> rows =
        samples.stream()
            .map(
                s ->
                    new ImageRow(
                        s.id(),
                        s.label(),
                        s.className(),
                        files ? ds.root().resolve(s.source()).toString() : ""))
            .toList();
    String index = IndexHash.of(ds);
    return new ImageIndex(
        dir.toString(),
        rows,
        ds.classNames(),
        index,
        new Manifest.Input(
            "dataset", ds.root().toString(), index, Optional.of(index), Optional.empty()),
        files ? "" : ds.root().toString());
  }

  /**
   * The rows of a CSV (with a header) or Parquet manifest, read with Spark.
   *
   * @throws DatasetException with one line naming the manifest and the row: a missing column or
   *     value, a label that is not a whole number, two names for one label, a label between 0 and
   *     the largest with no row (a class with no samples), or two rows with one id
   */
  static ImageIndex ofManifest(SparkSession spark, Path manifest) {
    Path file = manifest.toAbsolutePath().normalize();
    if (!Files.exists(file)) {
      throw new DatasetException(manifest + ": no such manifest file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean csv = name.endsWith(".csv");
    if (!csv && !name.endsWith(".parquet") && !Files.isDirectory(file)) {
      throw new DatasetException(
          manifest + ": a manifest is a .csv or .parquet file, or a folder of Parquet files");
    }
    Dataset<Row> table =
        csv
            ? spark.read().option("header", "true").csv(file.toString())
            : spark.read().parquet(file.toString());
    List<String> columns = Arrays.asList(table.columns());
    for (String required : List.of("path", "label")) {
      if (!columns.contains(required)) {
        throw new DatasetException(
            manifest
                + ": no '"
                + required
                + "' column (a manifest has columns path,label[,class_name][,id]; it has "
                + String.join(",", columns)
                + ")");
      }
    }
    List<String> present = COLUMNS.stream().filter(columns::contains).toList();
    List<Row> read =
        table
            .selectExpr(
                present.stream().map(c -> "CAST(`" + c + "` AS STRING)").toArray(String[]::new))
            .collectAsList();
    Path base = file.getParent();
    List<ImageRow> rows = new ArrayList<>(read.size());
    Map<Integer, String> names = new TreeMap<>();
    Map<Integer, Integer> nameRow = new HashMap<>();
    for (int i = 0; i < read.size(); i++) {
      Row r = read.get(i);
      int rowNumber = i + 1;
      String where = manifest + ": row " + rowNumber;
      String path = value(r, present, "path", where);
      int label = label(value(r, present, "label", where), where);
      Path image = base.resolve(path).normalize();
      String className =
          present.contains("class_name")
              ? value(r, present, "class_name", where)
              : Integer.toString(label);
      String known = names.putIfAbsent(label, className);
      if (known != null && !known.equals(className)) {
        throw new DatasetException(
            where
                + ": label "
                + label
                + " is class '"
                + className
                + "' here but '"
                + known
                + "' in row "
                + nameRow.get(label));
      }
      nameRow.putIfAbsent(label, rowNumber);
      String id =
          present.contains("id")
              ? value(r, present, "id", where)
              : Normalizer.normalize(
                  image.startsWith(base) ? base.relativize(image).toString() : image.toString(),
                  Normalizer.Form.NFC);
      rows.add(new ImageRow(id.replace('\\', '/'), label, className, image.toString()));
    }
    if (rows.isEmpty()) {
      throw new DatasetException(manifest + ": has no rows");
    }
    int classes = ((TreeMap<Integer, String>) names).lastKey() + 1;
    for (int k = 0; k < classes; k++) {
      if (!names.containsKey(k)) {
        throw new DatasetException(
            manifest
                + ": class "
                + k
                + " has no samples (labels run from 0 to "
                + (classes - 1)
                + " and every label needs at least one row)");
      }
    }
    rows.sort(Comparator.comparing(ImageRow::id));
    for (int i = 1; i < rows.size(); i++) {
      if (rows.get(i).id().equals(rows.get(i - 1).id())) {
        throw new DatasetException(
            manifest + ": two rows have the id '" + rows.get(i).id() + "' (ids must be unique)");
      }
    }
    List<String> classNames = List.copyOf(names.values());
    String index =
        IndexHash.of(
            new FileListDataset(
                base, classNames, rows.stream().map(ImageRow::sample).toList(), ColorMode.RGB));
    return new ImageIndex(
        manifest.toString(),
        rows,
        classNames,
        index,
        new Manifest.Input(
            "manifest", file.toString(), hash(file), Optional.of(index), Optional.empty()),
        "");
  }

  private static String value(Row r, List<String> present, String column, String where) {
    String v = r.getString(present.indexOf(column));
    if (v == null || v.isBlank()) {
      throw new DatasetException(where + ": no " + column);
    }
    return v.strip();
  }

  private static int label(String v, String where) {
    try {
      int label = Integer.parseInt(v);
      if (label >= 0) {
        return label;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new DatasetException(where + ": label '" + v + "' is not a whole number >= 0");
  }

  /** The SHA-256 of a file, or of a folder's visible files (name and hash, in name order). */
  private static String hash(Path file) {
    try {
      if (!Files.isDirectory(file)) {
        return Sha256.of(file);
      }
      Sha256 sha = new Sha256();
      try (Stream<Path> files = Files.list(file)) {
        for (Path p :
            files
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .filter(p -> !p.getFileName().toString().startsWith("_"))
                .filter(Files::isRegularFile)
                .sorted()
                .toList()) {
          sha.update(p.getFileName() + "\t" + Sha256.of(p) + "\n");
        }
      }
      return sha.hex();
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
