package org.winnow.spark.prune;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/**
 * The embeddings a Spark job prunes, from a Parquet folder ({@code id string, label int, class_name
 * string, embedding array<float>}, as {@code WinnowSpark embed} writes it) or from Winnow's HDF5
 * embeddings file. The rows stay distributed ({@link #rows}: {@code row} is the dataset position);
 * the driver holds only the {@link Catalogue}: ids, labels and class names.
 *
 * <p>Dataset order, which ties and seeds depend on, is the HDF5 file's, or for Parquet the part
 * files in name order and each file's rows in order ({@code _metadata.row_index}).
 *
 * @param rows {@code row long, label int, id string, embedding array<float>}
 * @param catalogue what the driver knows of every row
 */
record EmbeddingTable(Dataset<Row> rows, Catalogue catalogue) {

  static final String ROW = "row";
  static final String LABEL = "label";
  static final String ID = "id";
  static final String CLASS_NAME = "class_name";
  static final String EMBEDDING = "embedding";

  /** The columns of {@link #rows}. */
  static final StructType SCHEMA =
      new StructType()
          .add(ROW, DataTypes.LongType, false)
          .add(LABEL, DataTypes.IntegerType, false)
          .add(ID, DataTypes.StringType, false)
          .add(EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType), false);

  /**
   * What the driver knows of the embeddings.
   *
   * @param source the input as given, for messages
   * @param ids each row's id
   * @param labels each row's label
   * @param classNames the class names by label
   * @param whole the whole set when it was read on the driver (HDF5), for the {@code path} column
   *     of a folder dataset's keep-list
   * @param input the input's path and hash, for the manifest
   */
  record Catalogue(
      String source,
      List<String> ids,
      int[] labels,
      List<String> classNames,
      Optional<EmbeddingSet> whole,
      Manifest.Input input) {

    int size() {
      return labels.length;
    }

    /** Each class's rows, ascending, as {@link EmbeddingSet#members()}. */
    int[][] members() {
      return EmbeddingSet.members(labels, classNames.size());
    }
  }

  /**
   * Reads {@code input}: an HDF5 file ({@code .h5}, {@code .hdf5}) or a Parquet file or folder.
   *
   * @throws DatasetException with one line naming the input and the problem
   */
  static EmbeddingTable read(SparkSession spark, Path input) throws IOException {
    if (!Files.exists(input)) {
      throw new DatasetException(input + ": no such file or folder");
    }
    String name = input.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return Files.isRegularFile(input) && (name.endsWith(".h5") || name.endsWith(".hdf5"))
        ? hdf5(spark, input)
        : parquet(spark, input);
  }

  private static EmbeddingTable hdf5(SparkSession spark, Path file) throws IOException {
    EmbeddingSource source = EmbeddingSource.of(file);
    EmbeddingSet set = source.read();
    List<Row> rows = new ArrayList<>(set.size());
    for (int i = 0; i < set.size(); i++) {
      rows.add(RowFactory.create((long) i, set.labels()[i], set.ids().get(i), set.vectors()[i]));
    }
    Manifest.Input in = source.manifestInput("embeddings", set);
    return new EmbeddingTable(
        spark.createDataFrame(rows, SCHEMA),
        new Catalogue(
            set.source(), set.ids(), set.labels(), set.classNames(), Optional.of(set), in));
  }

  private static EmbeddingTable parquet(SparkSession spark, Path path) throws IOException {
    String where = path.toString();
    Dataset<Row> raw;
    try {
      raw = spark.read().parquet(path.toAbsolutePath().toUri().toString());
    } catch (Exception e) { // Spark's AnalysisException and SparkException, undeclared
      throw new DatasetException(
          where + ": not a Parquet table of embeddings (" + firstLine(e) + ")");
    }
    requireColumn(raw.schema(), where, ID, DataTypes.StringType);
    requireColumn(raw.schema(), where, CLASS_NAME, DataTypes.StringType);
    requireColumn(raw.schema(), where, LABEL, DataTypes.IntegerType);
    requireColumn(raw.schema(), where, EMBEDDING, new ArrayType(DataTypes.FloatType, true));
    Dataset<Row> located =
        raw.select(
            col(ID),
            col(LABEL),
            col(CLASS_NAME),
            col(EMBEDDING),
            col("_metadata.file_path").as("file"),
            col("_metadata.row_index").as("pos"));
    // Files in name order, rows in file order: the offset of each file is the rows before it.
    List<Row> counts;
    try {
      counts = located.groupBy("file").count().collectAsList();
    } catch (Exception e) { // a part that is not Parquet fails the first job that reads it
      throw new DatasetException(
          where + ": not a Parquet table of embeddings (" + firstLine(e) + ")");
    }
    TreeMap<String, Long> sizes = new TreeMap<>();
    counts.forEach(r -> sizes.put(r.getString(0), r.getLong(1)));
    List<Row> offsets = new ArrayList<>();
    long n = 0;
    for (Map.Entry<String, Long> e : sizes.entrySet()) {
      offsets.add(RowFactory.create(e.getKey(), n));
      n += e.getValue();
    }
    if (n == 0) {
      throw new DatasetException(where + ": no embeddings");
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new DatasetException(where + ": more rows than one keep-list can number: " + n);
    }
    Dataset<Row> offsetTable =
        spark.createDataFrame(
            offsets,
            new StructType().add("file", DataTypes.StringType).add("offset", DataTypes.LongType));
    Dataset<Row> numbered =
        located
            .join(org.apache.spark.sql.functions.broadcast(offsetTable), "file")
            .withColumn(ROW, col("offset").plus(col("pos")));
    Dataset<Row> nulls =
        numbered.filter(
            col(ID)
                .isNull()
                .or(col(LABEL).isNull())
                .or(col(CLASS_NAME).isNull())
                .or(col(EMBEDDING).isNull()));
    List<Row> firstNull = nulls.select(ROW, ID).limit(1).collectAsList();
    if (!firstNull.isEmpty()) {
      Row r = firstNull.getFirst();
      throw new DatasetException(
          String.format(
              "%s: row %d (id %s) has an empty id, label, class_name or embedding",
              where, r.getLong(0), r.isNullAt(1) ? "missing" : "'" + r.getString(1) + "'"));
    }
    Row dims = numbered.agg(min(size(col(EMBEDDING))), max(size(col(EMBEDDING)))).first();
    if (dims.getInt(0) != dims.getInt(1)) {
      throw new DatasetException(
          String.format(
              "%s: embeddings differ in length: %d and %d values",
              where, dims.getInt(0), dims.getInt(1)));
    }
    if (dims.getInt(0) == 0) {
      throw new DatasetException(where + ": embeddings have dimension 0");
    }
    List<String> names = classNames(numbered, where);
    String[] ids = new String[(int) n];
    int[] labels = new int[(int) n];
    for (Row r : numbered.select(ROW, ID, LABEL).collectAsList()) {
      int row = (int) r.getLong(0);
      ids[row] = r.getString(1);
      labels[row] = r.getInt(2);
    }
    requireUniqueIds(ids, where);
    Manifest.Input in =
        new Manifest.Input(
            "embeddings",
            path.toAbsolutePath().normalize().toString(),
            sha256(spark, new ArrayList<>(sizes.keySet())),
            Optional.empty(),
            manifestBeside(path));
    return new EmbeddingTable(
        numbered.select(ROW, LABEL, ID, EMBEDDING),
        new Catalogue(where, Arrays.asList(ids), labels, names, Optional.empty(), in));
  }

  /**
   * The class names by label from the distinct pairs: labels must run 0..C-1 with one name each; a
   * label without samples in between is refused, since Parquet records no class list.
   */
  private static List<String> classNames(Dataset<Row> numbered, String where) {
    Map<Integer, String> byLabel = new HashMap<>();
    for (Row r : numbered.select(LABEL, CLASS_NAME).distinct().collectAsList()) {
      int label = r.getInt(0);
      if (label < 0) {
        throw new DatasetException(where + ": label " + label + " is negative");
      }
      String other = byLabel.put(label, r.getString(1));
      if (other != null) {
        throw new DatasetException(
            String.format(
                "%s: label %d has two class names: '%s' and '%s'",
                where, label, other, r.getString(1)));
      }
    }
    int classes = byLabel.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      if (!byLabel.containsKey(c)) {
        throw new DatasetException(
            String.format(
                "%s: class label %d has no samples (labels run 0 to %d); number the classes"
                    + " 0..%d without gaps",
                where, c, classes - 1, byLabel.size() - 1));
      }
      names.add(byLabel.get(c));
    }
    return names;
  }

  private static void requireUniqueIds(String[] ids, String where) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      Integer before = first.putIfAbsent(ids[i], i);
      if (before != null) {
        throw new DatasetException(
            String.format("%s: id '%s' appears twice (rows %d and %d)", where, ids[i], before, i));
      }
    }
  }

  private static void requireColumn(StructType schema, String where, String name, DataType type) {
    StructField field =
        Arrays.stream(schema.fields()).filter(f -> f.name().equals(name)).findFirst().orElse(null);
    String wanted = type.simpleString();
    if (field == null) {
      throw new DatasetException(
          where + ": no column '" + name + "' (" + wanted + "); has " + schema.simpleString());
    }
    boolean same =
        type instanceof ArrayType a && field.dataType() instanceof ArrayType b
            ? a.elementType().equals(b.elementType())
            : field.dataType().equals(type);
    if (!same) {
      throw new DatasetException(
          String.format(
              "%s: column '%s' is %s, expected %s",
              where, name, field.dataType().simpleString(), wanted));
    }
  }

  /**
   * The input's hash: the SHA-256 of the {@code sha256sum} lines ({@code <hex> <file name>\n}) of
   * its data files in name order, each file hashed by a task where it lies, so the driver never
   * reads the embeddings.
   */
  private static String sha256(SparkSession spark, List<String> files) {
    List<String> lines =
        new ArrayList<>(
            org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(files, Math.max(1, Math.min(files.size(), 256)))
                .map(f -> fileSha256(f) + "  " + new org.apache.hadoop.fs.Path(f).getName())
                .collect());
    java.util.Collections.sort(lines, java.util.Comparator.comparing(l -> l.substring(66)));
    Sha256 all = new Sha256();
    lines.forEach(l -> all.update(l + "\n"));
    return all.hex();
  }

  private static String fileSha256(String file) throws IOException {
    org.apache.hadoop.fs.Path part = new org.apache.hadoop.fs.Path(file);
    try (InputStream in =
        part.getFileSystem(new org.apache.hadoop.conf.Configuration()).open(part)) {
      return Sha256.of(in);
    }
  }

  /** The {@code manifest.json} beside the parts (what {@code WinnowSpark embed} writes). */
  private static Optional<String> manifestBeside(Path path) throws IOException {
    Path folder = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
    Path m = folder.resolve("manifest.json");
    return Files.isRegularFile(m)
        ? Optional.of(Files.readString(m, StandardCharsets.UTF_8))
        : Optional.empty();
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    return Stream.of(m.split("\n")).findFirst().orElse(m).strip();
  }
}
