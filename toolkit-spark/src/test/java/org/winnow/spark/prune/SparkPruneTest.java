package org.winnow.spark.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.OptionValues;
import org.winnow.prune.Pruning;
import org.winnow.prune.SelectionMethods;
import org.winnow.prune.Selector;
import org.winnow.spark.WinnowSpark;

/**
 * The central test of the Spark pruning job: on the same embeddings every method's {@code keep.csv}
 * equals {@code winnow prune}'s byte for byte, read from HDF5 or from Parquet; a job killed
 * part-way and rerun finishes with the same result, skipping the classes it had finished; bad input
 * gives one clear line.
 */
class SparkPruneTest {

  private static SparkSession spark;
  private static EmbeddingSet set;
  @TempDir static Path shared;
  private static Path h5;
  private static Path parquet;

  @BeforeAll
  static void start() throws IOException {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SparkPruneTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "6")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    set = uneven(SyntheticEmbeddings.gaussianClusters(6, 70, 16, 3, 0.35, 11));
    h5 = shared.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(h5, set);
    parquet = shared.resolve("emb-parquet");
    writeParquet(parquet, set, 3);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Classes of 70, 25, 1, 70, 40 and 70 samples, interleaved: uneven, one of a single sample. */
  private static EmbeddingSet uneven(EmbeddingSet full) {
    int[] sizes = {70, 25, 1, 70, 40, 70};
    int[] taken = new int[sizes.length];
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < full.size(); i++) {
      int label = full.labels()[i];
      if (taken[label]++ < sizes[label]) {
        rows.add(i);
      }
    }
    float[][] vectors = rows.stream().map(i -> full.vectors()[i]).toArray(float[][]::new);
    // a few exact and near copies, so that SemDeDup has duplicates to find across the set
    for (int i = 0; i < 30; i++) {
      float[] copy = vectors[5 * i + 1].clone();
      copy[0] += (i % 3) * 1e-4f;
      vectors[5 * i] = copy;
    }
    return new EmbeddingSet(
        full.source(),
        rows.stream().map(i -> full.ids().get(i)).toList(),
        rows.stream().mapToInt(i -> full.labels()[i]).toArray(),
        full.classNames(),
        vectors,
        full.attributes());
  }

  /** Writes {@code s} as Parquet parts in dataset order, as WinnowSpark embed lays them out. */
  static void writeParquet(Path folder, EmbeddingSet s, int parts) throws IOException {
    ParquetParts.write(spark, folder, s.ids(), s.labels(), s.classNames(), s.vectors(), parts);
  }

  /** Method, options and fractions of each parity case. */
  static Stream<String> cases() {
    return Stream.of(
        "semantic --keep 0.5,0.8",
        "semantic --max-cluster-size 20 --keep 0.6",
        "random --seed 7 --keep 0.3,0.9",
        "prototype --clusters 3 --keep 0.6",
        "prototype-easy --clusters 2 --keep 0.4",
        "semdedup --epsilon 0.02,0.3",
        "semdedup --keep 0.7",
        "semdedup --prefer random --clusters 4 --epsilon 0.1",
        "semdedup --prefer easy --keep 0.5,0.9",
        "semdedup --within-class --epsilon 0.05");
  }

  @ParameterizedTest
  @MethodSource("cases")
  void keepListsEqualWinnowPruneByteForByte(String line, @TempDir Path dir) throws IOException {
    List<String> args = new ArrayList<>(List.of(line.split(" ")));
    Path reference = reference(args, dir.resolve("winnow-prune"));
    for (Path input : List.of(h5, parquet)) {
      Path out = dir.resolve("spark-" + input.getFileName());
      SparkPrune.Report r = SparkPrune.run(spark, request(args, input, out), quiet());
      List<Path> expected = keepFiles(reference);
      assertEquals(expected.size(), r.folders().size(), line);
      for (Path file : expected) {
        Path mine = out.resolve(reference.relativize(file));
        assertEquals(
            -1L,
            Files.mismatch(file, mine),
            line + " from " + input.getFileName() + ": " + reference.relativize(file) + " differs");
        List<String> csv = Files.readAllLines(mine);
        List<String> fromParquet =
            spark
                .read()
                .parquet(mine.resolveSibling("keep.parquet").toString())
                .collectAsList()
                .stream()
                .map(row -> row.getString(0) + "," + row.getInt(1) + "," + row.getString(2))
                .toList();
        assertEquals(csv.subList(1, csv.size()), fromParquet, "keep.parquet");
      }
      assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"spark 4.2.0\""));
      assertFalse(Files.exists(Pruning.workFolder(out)), "the work folder is removed");
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "semantic --keep 0.5,0.75 | .kept | 6",
        "semdedup --clusters 8 --epsilon 0.05,0.2 | .scan | 8"
      })
  void killedJobResumesFinishedPartsAndEndsTheSame(
      String line, String suffix, int parts, @TempDir Path dir) throws IOException {
    List<String> args = List.of(line.split(" "));
    Path reference = reference(args, dir.resolve("winnow-prune"));
    Path out = dir.resolve("spark");
    spark.sparkContext().setLocalProperty(WorkFolder.FAIL_AFTER, "2");
    try {
      Exception e =
          assertThrows(
              Exception.class, () -> SparkPrune.run(spark, request(args, parquet, out), quiet()));
      assertTrue(WinnowSpark.oneLine(e).contains("failed on purpose"), WinnowSpark.oneLine(e));
    } finally {
      spark.sparkContext().setLocalProperty(WorkFolder.FAIL_AFTER, null);
    }
    assertFalse(Files.exists(out), "nothing half-written");
    long saved;
    try (Stream<Path> files = Files.list(Pruning.workFolder(out))) {
      saved = files.filter(f -> f.getFileName().toString().endsWith(suffix)).count();
    }
    assertTrue(saved >= 2 && saved < parts, "parts finished before the failure: " + saved);
    SparkPrune.Report r = SparkPrune.run(spark, request(args, parquet, out), quiet());
    assertEquals(saved, r.restored());
    for (Path file : keepFiles(reference)) {
      assertEquals(-1L, Files.mismatch(file, out.resolve(reference.relativize(file))));
    }
  }

  @Test
  void badOptionsAreOneLineAndExitTwoBeforeSparkStarts() {
    assertBadOption(
        "--keep must be in (0, 1]",
        "prune",
        "--embeddings",
        h5.toString(),
        "--method",
        "semantic",
        "--keep",
        "1.5",
        "--out",
        "x");
    assertBadOption(
        "unknown method 'nope'",
        "prune",
        "--embeddings",
        h5.toString(),
        "--method",
        "nope",
        "--keep",
        "0.5",
        "--out",
        "x");
    assertBadOption(
        "--clusters",
        "prune",
        "--embeddings",
        h5.toString(),
        "--method",
        "prototype",
        "--clusters",
        "-3",
        "--keep",
        "0.5",
        "--out",
        "x");
    assertBadOption(
        "--scope global",
        "prune",
        "--embeddings",
        h5.toString(),
        "--method",
        "prototype",
        "--scope",
        "global",
        "--keep",
        "0.5",
        "--out",
        "x");
    assertBadOption(
        "Missing required option: '--keep=F'",
        "prune",
        "--embeddings",
        h5.toString(),
        "--method",
        "random",
        "--out",
        "x");
    assertBadOption(
        "Unknown option: '--frobnicate'",
        "prune",
        "--embeddings",
        h5.toString(),
        "--frobnicate",
        "--out",
        "x");
  }

  @Test
  void noCommandOrAnUnknownOneIsABadOption() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, WinnowSpark.run(new String[0], quiet(), e));
    assertEquals(
        2, WinnowSpark.run(new String[] {"--master", "local[1]", "frobnicate"}, quiet(), e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
    assertEquals(2, err.toString(StandardCharsets.UTF_8).lines().count());
  }

  private static void assertBadOption(String expected, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = WinnowSpark.run(args, quiet(), new PrintStream(err, true, StandardCharsets.UTF_8));
    String text = err.toString(StandardCharsets.UTF_8);
    assertEquals(2, code, text);
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains(expected), text);
  }

  @Test
  void badDataIsOneLineNamingTheFileOrSample(@TempDir Path dir) throws IOException {
    assertBadData(dir.resolve("missing.parquet"), "missing.parquet: no such file or folder", dir);

    Path notParquet = dir.resolve("bad.parquet");
    Files.writeString(notParquet, "id,label\n");
    assertBadData(notParquet, "bad.parquet: not a Parquet table of embeddings", dir);

    Path gap = dir.resolve("gap");
    writeParquet(gap, relabel(set, l -> l == 1 ? 2 : l), 1);
    assertBadData(gap, "class label 1 has no samples", dir);

    Path nan = dir.resolve("nan");
    float[][] vectors = set.vectors().clone();
    vectors[17] = vectors[17].clone();
    vectors[17][3] = Float.NaN;
    ParquetParts.write(spark, nan, set.ids(), set.labels(), set.classNames(), vectors, 2);
    // per-class methods and SemDeDup over all samples both name the sample
    assertBadData(
        nan, "nan: 1 embedding cannot be compared by cosine: " + set.ids().get(17) + " (NaN)", dir);
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> {
              try {
                SparkPrune.run(
                    spark,
                    request(List.of("semdedup", "--epsilon", "0.1"), nan, dir.resolve("o2")),
                    quiet());
              } catch (Exception x) {
                throw new DatasetException(WinnowSpark.oneLine(x));
              }
            });
    assertTrue(e.getMessage().contains(set.ids().get(17) + " (NaN)"), e.getMessage());

    Path noEmbedding = dir.resolve("no-embedding");
    spark
        .createDataFrame(
            List.of(RowFactory.create("a", 0, "c")),
            new StructType()
                .add("id", DataTypes.StringType)
                .add("label", DataTypes.IntegerType)
                .add("class_name", DataTypes.StringType))
        .write()
        .parquet(noEmbedding.toString());
    assertBadData(noEmbedding, "no column 'embedding'", dir);
  }

  private static EmbeddingSet relabel(EmbeddingSet s, java.util.function.IntUnaryOperator f) {
    return new EmbeddingSet(
        s.source(),
        s.ids(),
        Arrays.stream(s.labels()).map(f).toArray(),
        s.classNames(),
        s.vectors(),
        s.attributes());
  }

  private static void assertBadData(Path input, String expected, Path dir) {
    Path out = dir.resolve("out-" + input.getFileName());
    Exception e =
        assertThrows(
            Exception.class,
            () ->
                SparkPrune.run(
                    spark, request(List.of("semantic", "--keep", "0.5"), input, out), quiet()));
    String line = WinnowSpark.oneLine(e);
    assertFalse(line.contains("\n"), line);
    assertTrue(line.contains(expected), line);
    assertFalse(Files.exists(out), "nothing written");
  }

  /** winnow prune's output for the same method, options and fractions. */
  private static Path reference(List<String> args, Path out) throws IOException {
    SparkPrune.Request r = request(args, h5, out);
    Selector selector =
        SelectionMethods.spec(r.method(), new OptionValues(r.options())).create(r.seed());
    Pruning.run(
        new Pruning.Request(h5, selector, r.fractions(), out, false, "test"), Progress.NONE);
    return out;
  }

  private static SparkPrune.Request request(List<String> args, Path input, Path out) {
    List<String> all = new ArrayList<>(List.of("--method"));
    all.addAll(args);
    all.addAll(List.of("--embeddings", input.toString(), "--out", out.toString()));
    return PruneArguments.parse(all);
  }

  private static List<Path> keepFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.getFileName().toString().equals("keep.csv")).sorted().toList();
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(java.io.OutputStream.nullOutputStream());
  }
}
