package org.winnow.spark.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Embedder;

/**
 * {@code WinnowSpark embed} in local[2] mode on the bundled Fashion-MNIST sample's 500 test images,
 * written as PNG class folders: its embeddings equal {@code winnow embed}'s on the same folder,
 * from a folder, a CSV and a Parquet manifest; bad input gives one line; a run that fails after
 * some parts finishes on rerun with the same result, without embedding those parts again.
 */
class SparkEmbedTest {

  static final Path BUNDLED = Path.of("../datasets/sample/fashion-mnist-small");

  /** Parts of 150 rows (3 batches of 50): 4 parts for 500 images. */
  static final List<String> MODEL =
      List.of("--model", "resnet20", "--batch-size", "50", "--part-size", "120", "--device", "cpu");

  @TempDir static Path shared;
  static SparkSession spark;
  static Path images;
  static EmbeddingSet expected;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws IOException {
    spark = LocalSpark.start("local[2]", "SparkEmbedTest");
    images = shared.resolve("images");
    ImageDataset idx = Datasets.open(BUNDLED);
    PngFolders.write(idx, idx.samples(Split.TEST), images);
    expected = winnowEmbed(shared.resolve("winnow-embed.h5"), OptionalInt.empty());
  }

  /** {@code winnow embed}'s rows for the images: resnet20, batches of 50, on the CPU. */
  static EmbeddingSet winnowEmbed(Path h5, OptionalInt imageSize) {
    EmbedOptions options =
        EmbedOptions.defaults("resnet20")
            .withSplit(Optional.of(Split.TRAIN))
            .withBatchSize(50)
            .withImageSize(imageSize)
            .withDevice(DeviceChoice.CPU);
    Embedder.embed(Datasets.open(images), options, h5, "test", Progress.NONE);
    return EmbeddingSource.of(h5).read();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  record Run(int exit, String out, String err) {}

  static Run embed(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        SparkEmbed.run(
            spark,
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static List<String> with(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all;
  }

  /** Every row of an output, by id. */
  static Map<String, Row> read(Path out) {
    Map<String, Row> rows = new TreeMap<>();
    for (Row r : spark.read().parquet(out.resolve("embeddings").toString()).collectAsList()) {
      rows.put(r.getString(r.fieldIndex("id")), r);
    }
    return rows;
  }

  /** Asserts that the output holds {@code winnow embed}'s rows, within 1e-6 per element. */
  static void assertEqualsWinnowEmbed(Path out) {
    Map<String, Row> rows = read(out);
    assertEquals(expected.size(), rows.size());
    assertEquals(new ArrayList<>(rows.keySet()), expected.ids(), "ids, in the same order");
    for (int i = 0; i < expected.size(); i++) {
      Row r = rows.get(expected.ids().get(i));
      assertEquals(expected.labels()[i], r.getInt(r.fieldIndex("label")));
      assertEquals(
          expected.classNames().get(expected.labels()[i]), r.getString(r.fieldIndex("class_name")));
      List<Float> e = r.getList(r.fieldIndex("embedding"));
      float[] want = expected.vectors()[i];
      assertEquals(want.length, e.size());
      for (int j = 0; j < want.length; j++) {
        assertEquals(want[j], e.get(j), 1e-6, expected.ids().get(i) + " element " + j);
      }
    }
  }

  @Test
  void aFolderGivesWinnowEmbedsEmbeddingsInParquetWithAManifest() throws IOException {
    Path out = dir.resolve("out");
    int held = ModelHolder.held();
    Run run = embed(with(MODEL, "--data", images.toString(), "--out", out.toString()));
    assertEquals(0, run.exit(), run.err());
    Run twice =
        embed(with(MODEL, "--data", images.toString(), "--out", dir.resolve("2").toString()));
    assertEquals(0, twice.exit(), twice.err());
    assertTrue(
        ModelHolder.held() <= held + 1,
        "the driver and both task slots of two runs share one model: " + ModelHolder.held());
    assertTrue(run.out().startsWith("Embedded 500 rows x 64 in 4 parts (0 resumed)"), run.out());
    assertEqualsWinnowEmbed(out);

    StructType schema = spark.read().parquet(out.resolve("embeddings").toString()).schema();
    assertEquals(DataTypes.StringType, schema.apply("id").dataType());
    assertEquals(DataTypes.IntegerType, schema.apply("label").dataType());
    assertEquals(DataTypes.StringType, schema.apply("class_name").dataType());
    assertEquals(
        DataTypes.FloatType, ((ArrayType) schema.apply("embedding").dataType()).elementType());

    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(manifest.contains("\"tool\": \"winnow spark embed\""), manifest);
    assertTrue(manifest.contains("\"spark_version\": \"" + spark.version() + "\""), manifest);
    assertTrue(manifest.contains("\"engine\": \"DJL PyTorch"), manifest);
    assertTrue(manifest.contains("\"device_used\": \"cpu()\""), manifest);
    assertTrue(manifest.contains("\"part_size\": \"150\""), manifest);
    assertTrue(manifest.contains("\"seed\": 0"), manifest);
    assertTrue(
        manifest.contains("\"index_sha256\": \"" + expected.attributes().get("index_sha256")),
        "the index hash winnow embed records for the folder: " + manifest);
    try (Stream<Path> parts = Files.list(out.resolve("embeddings"))) {
      assertEquals(
          List.of(
              "part-00000.parquet",
              "part-00001.parquet",
              "part-00002.parquet",
              "part-00003.parquet"),
          parts
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.startsWith("."))
              .sorted()
              .toList());
    }

    Run again = embed(with(MODEL, "--data", images.toString(), "--out", out.toString()));
    assertEquals(1, again.exit());
    assertTrue(again.err().contains("already holds finished embeddings"), again.err());
  }

  @Test
  void aBinaryDatasetIsEmbeddedFromItsOwnRecordsInItsOwnOrder() {
    // the bundled sample is IDX: its records are not files, so each task opens the dataset
    Path h5 = dir.resolve("idx.h5");
    EmbedOptions options =
        EmbedOptions.defaults("resnet20")
            .withSplit(Optional.of(Split.TEST))
            .withBatchSize(50)
            .withDevice(DeviceChoice.CPU);
    Embedder.embed(Datasets.open(BUNDLED), options, h5, "test", Progress.NONE);
    EmbeddingSet want = EmbeddingSource.of(h5).read();
    Path out = dir.resolve("out");
    Run run =
        embed(
            with(MODEL, "--data", BUNDLED.toString(), "--split", "test", "--out", out.toString()));
    assertEquals(0, run.exit(), run.err());
    Map<String, Row> rows = read(out);
    assertEquals(want.size(), rows.size());
    for (int i = 0; i < want.size(); i++) {
      Row r = rows.get(want.ids().get(i));
      assertEquals(want.labels()[i], r.getInt(r.fieldIndex("label")), want.ids().get(i));
      List<Float> e = r.getList(r.fieldIndex("embedding"));
      for (int j = 0; j < want.vectors()[i].length; j++) {
        assertEquals(want.vectors()[i][j], e.get(j), 1e-6, want.ids().get(i) + " element " + j);
      }
    }
    // the dataset's own order (test/0, test/1, ..., not sorted as strings), as winnow embed's
    List<String> first =
        spark
            .read()
            .parquet(out.resolve("embeddings").resolve("part-00000.parquet").toString())
            .collectAsList()
            .stream()
            .map(r -> r.getString(r.fieldIndex("id")))
            .toList();
    assertEquals(want.ids().subList(0, first.size()), first);
  }

  /**
   * A CSV with a header and one line per expected row, in shuffled order; {@code line} gives the
   * fields after the header for row {@code i}.
   */
  static Path csv(Path at, String header, IntFunction<String> line) throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      lines.add(line.apply(i));
    }
    Collections.shuffle(lines, new Random(7));
    lines.addFirst(header);
    Files.write(at, lines);
    return at;
  }

  /** A CSV at the root of {@code root}: path,label,class_name, ids by default. */
  static Path csvAtRoot(Path root, Path at) throws IOException {
    return csv(
        at,
        "path,label,class_name",
        i ->
            expected.ids().get(i)
                + ","
                + expected.labels()[i]
                + ","
                + expected.classNames().get(expected.labels()[i]));
  }

  @Test
  void csvAndParquetManifestsGiveTheSameIdsAndEmbeddings() throws IOException {
    // Beside the images folder, so its paths start with images/: the ids are given.
    Path csv =
        csv(
            shared.resolve("ids-" + dir.getFileName() + ".csv"),
            "id,path,label,class_name",
            i ->
                expected.ids().get(i)
                    + ",images/"
                    + expected.ids().get(i)
                    + ","
                    + expected.labels()[i]
                    + ","
                    + expected.classNames().get(expected.labels()[i]));
    Path out = dir.resolve("from-csv");
    Run run = embed(with(MODEL, "--manifest", csv.toString(), "--out", out.toString()));
    assertEquals(0, run.exit(), run.err());
    assertEqualsWinnowEmbed(out);

    // Parquet, without ids or class names, absolute paths: ids are paths relative to its folder.
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      rows.add(
          RowFactory.create(
              images.resolve(expected.ids().get(i)).toString(), (long) expected.labels()[i]));
    }
    StructType schema =
        new StructType().add("path", DataTypes.StringType).add("label", DataTypes.LongType);
    Path parquet = images.getParent().resolve("manifest-" + dir.getFileName() + ".parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(parquet.toString());
    Path out2 = dir.resolve("from-parquet");
    Run run2 = embed(with(MODEL, "--manifest", parquet.toString(), "--out", out2.toString()));
    assertEquals(0, run2.exit(), run2.err());
    Map<String, Row> got = read(out2);
    assertEquals(
        expected.ids().stream().map(id -> "images/" + id).toList(), new ArrayList<>(got.keySet()));
    Row first = got.values().iterator().next();
    assertEquals("0", first.getString(first.fieldIndex("class_name")), "names default to labels");
    Map<String, Row> fromCsv = read(out);
    for (String id : expected.ids()) {
      assertEquals(
          fromCsv.get(id).getList(3), got.get("images/" + id).getList(3), "same embedding " + id);
    }
  }

  static void assertOneLine(Run run, int exit, String... contains) {
    assertEquals(exit, run.exit(), run.err());
    assertEquals(1, run.err().strip().lines().count(), run.err());
    for (String c : contains) {
      assertTrue(run.err().contains(c), run.err());
    }
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void aManifestRowWhoseFileIsMissingIsNamedOnOneLine() throws IOException {
    Path csv = csvAtRoot(images, images.resolve("missing-" + dir.getFileName() + ".csv"));
    List<String> lines = new ArrayList<>(Files.readAllLines(csv));
    // First in id order: the driver reads the first image to open the model.
    lines.add("0/gone.png," + expected.classNames().indexOf("Bag") + ",Bag");
    Files.write(csv, lines);
    Path out = dir.resolve("out");
    Run run = embed(with(MODEL, "--manifest", csv.toString(), "--out", out.toString()));
    Files.delete(csv);
    assertOneLine(
        run, 1, "row with id '0/gone.png'", "no such image file " + images.resolve("0/gone.png"));
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aClassWithNoSamplesIsRefused() throws IOException {
    Path csv = dir.resolve("gap.csv");
    Files.write(
        csv,
        List.of(
            "path,label",
            images.resolve(expected.ids().get(0)).toString() + ",0",
            images.resolve(expected.ids().get(1)).toString() + ",2"));
    Run run =
        embed(with(MODEL, "--manifest", csv.toString(), "--out", dir.resolve("o").toString()));
    assertOneLine(run, 1, "gap.csv: class 1 has no samples");

    Path folder = dir.resolve("folder");
    Files.createDirectories(folder.resolve("empty"));
    Files.createDirectories(folder.resolve("full"));
    Files.copy(images.resolve(expected.ids().get(0)), folder.resolve("full/a.png"));
    Run run2 =
        embed(with(MODEL, "--data", folder.toString(), "--out", dir.resolve("o2").toString()));
    assertOneLine(run2, 1, folder.resolve("empty") + ": empty class folder");
    assertFalse(Files.exists(dir.resolve("o2")), "nothing written");
  }

  @Test
  void aBadManifestIsNamedWithItsRowOnOneLine() throws IOException {
    String a = images.resolve(expected.ids().get(0)).toString();
    String b = images.resolve(expected.ids().get(1)).toString();
    Map<String, List<String>> cases = new TreeMap<>();
    cases.put("no 'label' column", List.of("path,class", a + ",x"));
    cases.put(
        "row 2: label 'two' is not a whole number >= 0",
        List.of("path,label", a + ",0", b + ",two"));
    cases.put("row 2: no path", List.of("path,label", a + ",0", ",0"));
    cases.put(
        "row 2: label 0 is class 'y' here but 'x' in row 1",
        List.of("path,label,class_name", a + ",0,x", b + ",0,y"));
    cases.put(
        "two rows have the id 'same'",
        List.of("id,path,label", "same," + a + ",0", "same," + b + ",0"));
    int k = 0;
    for (var c : cases.entrySet()) {
      Path csv = dir.resolve("bad" + k++ + ".csv");
      Files.write(csv, c.getValue());
      Run run =
          embed(with(MODEL, "--manifest", csv.toString(), "--out", dir.resolve("o").toString()));
      assertOneLine(run, 1, csv + ": " + c.getKey());
    }
    Path txt = dir.resolve("images.txt");
    Files.write(txt, List.of(a));
    assertOneLine(
        embed(with(MODEL, "--manifest", txt.toString(), "--out", dir.resolve("o").toString())),
        1,
        "a manifest is a .csv or .parquet file");
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");
  }

  @Test
  void helpPrintsTheUsage() {
    Run help = embed(List.of("--help"));
    assertEquals(0, help.exit());
    assertTrue(help.out().startsWith("Usage: WinnowSpark embed (--manifest FILE | --data DIR)"));
  }

  @Test
  void aMissingModelOrABadOptionIsOneLine() {
    List<String> data = List.of("--data", images.toString(), "--out", dir.resolve("o").toString());
    Run missing = embed(with(data, "--model", dir.resolve("nope.pt").toString()));
    assertOneLine(missing, 1, "nope.pt: no such model file or folder");
    assertFalse(Files.exists(dir.resolve("o")), "nothing written");

    assertOneLine(embed(with(data, "--model", "resnet20", "--batch-size", "x")), 2, "--batch-size");
    assertOneLine(embed(with(data, "--model", "resnet20", "--batch-size", "0")), 2, "batch size");
    assertOneLine(embed(with(data, "--model", "resnet20", "--colour")), 2, "'--colour'");
    assertOneLine(embed(with(data, "--model", "resnet20", "--split", "dev")), 2, "--split");
    assertOneLine(embed(List.of("--model", "resnet20", "--out", "x")), 2, "--manifest");
  }

  @Test
  void aRunThatFailsAfterSomePartsFinishesOnRerunWithTheSameResult() throws IOException {
    Path copy = dir.resolve("images");
    try (Stream<Path> files = Files.walk(images)) {
      for (Path p : files.toList()) {
        Files.copy(p, copy.resolve(images.relativize(p).toString()));
      }
    }
    Path csv = csvAtRoot(copy, copy.resolve("manifest.csv"));
    // Row 460 in id order is in the last part: parts run in order on 2 slots, so the first
    // parts are written before the task of the last one fails, and Spark kills the others.
    Path gone = copy.resolve(expected.ids().get(460));
    Path aside = dir.resolve("aside.png");
    Files.move(gone, aside);
    Path out = dir.resolve("out");
    List<String> args = with(MODEL, "--manifest", csv.toString(), "--out", out.toString());
    Run failed = embed(args);
    assertOneLine(failed, 1, "no such image file " + gone);
    assertFalse(Files.exists(out.resolve("manifest.json")));
    Map<String, FileTime> written = new TreeMap<>();
    try (Stream<Path> parts = Files.list(out.resolve("embeddings"))) {
      for (Path p : parts.filter(p -> !p.getFileName().toString().startsWith(".")).toList()) {
        written.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
      }
    }
    assertFalse(written.isEmpty(), "some parts were finished before the failure");
    assertFalse(written.containsKey("part-00003.parquet"));

    Files.move(aside, gone);
    Run rerun = embed(args);
    assertEquals(0, rerun.exit(), rerun.err());
    // A task Spark cancelled may still finish its part after the failed job returned.
    Matcher resumed = Pattern.compile("in 4 parts \\((\\d) resumed\\)").matcher(rerun.out());
    assertTrue(resumed.find(), rerun.out());
    int n = Integer.parseInt(resumed.group(1));
    assertTrue(n >= written.size() && n < 4, rerun.out());
    assertEqualsWinnowEmbed(out);
    for (var e : written.entrySet()) {
      assertEquals(
          e.getValue(),
          Files.getLastModifiedTime(out.resolve("embeddings").resolve(e.getKey())),
          e.getKey() + " was not written again");
    }

    Files.delete(out.resolve("manifest.json"));
    Run mixed =
        embed(
            with(
                List.of("--model", "resnet20", "--batch-size", "25", "--device", "cpu"),
                "--manifest",
                csv.toString(),
                "--out",
                out.toString()));
    assertOneLine(mixed, 1, "holds the parts of another run");
  }

  @Test
  void aJobKilledMidRunFinishesOnRerunWithWinnowEmbedsResult() throws Exception {
    // 128 px inputs make resnet20 slow enough on the CPU to be killed between parts of 50.
    List<String> args =
        List.of(
            "--model",
            "resnet20",
            "--image-size",
            "128",
            "--batch-size",
            "50",
            "--part-size",
            "50",
            "--device",
            "cpu",
            "--data",
            images.toString(),
            "--out",
            dir.resolve("out").toString());
    List<String> command =
        new ArrayList<>(
            ForkedJvm.command(SparkEmbedChild.class, "2g", args.toArray(String[]::new)));
    command.addAll(
        1,
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(a -> a.startsWith("--add-opens"))
            .toList());
    Path parts = dir.resolve("out/embeddings");
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("child.log").toFile())
            .start();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (complete(parts) < 2 && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    child.destroyForcibly().waitFor();
    int killedAt = complete(parts);
    assertTrue(
        killedAt >= 2 && killedAt < 10,
        "killed after " + killedAt + " of 10 parts: " + Files.readString(dir.resolve("child.log")));
    assertFalse(Files.exists(dir.resolve("out/manifest.json")));

    Run rerun = embed(args);
    assertEquals(0, rerun.exit(), rerun.err());
    Matcher resumed = Pattern.compile("in 10 parts \\((\\d+) resumed\\)").matcher(rerun.out());
    assertTrue(resumed.find(), rerun.out());
    assertTrue(Integer.parseInt(resumed.group(1)) >= killedAt, rerun.out());
    try (Stream<Path> left = Files.list(parts)) {
      assertEquals(
          List.of(),
          left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "the killed tasks' temporary files are swept");
    }

    EmbeddingSet reference = winnowEmbed(dir.resolve("reference.h5"), OptionalInt.of(128));
    Map<String, Row> rows = read(dir.resolve("out"));
    assertEquals(reference.ids(), new ArrayList<>(rows.keySet()));
    for (int i = 0; i < reference.size(); i++) {
      List<Float> got = rows.get(reference.ids().get(i)).getList(3);
      for (int j = 0; j < reference.dimension(); j++) {
        assertEquals(reference.vectors()[i][j], got.get(j), 1e-6, reference.ids().get(i));
      }
    }
  }

  private static int complete(Path parts) throws IOException {
    return EmbeddingParts.complete(parts).size();
  }
}
