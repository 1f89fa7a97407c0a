package org.winnow.spark.prune;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.KeepList;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.PrototypeSelector;
import org.winnow.prune.Pruning;
import org.winnow.prune.Selection;
import org.winnow.prune.Selector;
import org.winnow.prune.SemDeDupSelector;
import org.winnow.spark.WinnowSpark;

/**
 * The front door of {@code WinnowSpark prune}: prunes embeddings from Parquet or HDF5 ({@link
 * EmbeddingTable}) with a registered method and writes what {@code winnow prune} writes, byte for
 * byte: per fraction (or ε) {@code keep.csv}, in the same folders ({@code keep-0.9}, {@code
 * eps-0.05} when there are several); beside it {@code keep.parquet} (the same rows, {@code id,
 * label, class_name}), and at the top {@code manifest.json} (options, seed, the input's hash, the
 * version, the engine {@code spark <version>} and the master).
 *
 * <p>Methods: {@code semantic}, {@code random} and {@code prototype} (per class), {@code semdedup}
 * over all samples, or within each class with {@code --epsilon}, and their variants. The output is
 * built under a hidden name and renamed into place; finished classes are kept in the hidden work
 * folder {@link Pruning#workFolder} until then, so a rerun of a killed job skips them.
 */
public final class SparkPrune {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow spark prune";

  /** What {@code --overwrite} may replace: a folder holding this job's {@code manifest.json}. */
  static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("Spark pruning output", "manifest.json");

  private SparkPrune() {}

  /**
   * What to prune and where to write it.
   *
   * @param embeddings a Parquet file or folder, or an HDF5 embeddings file
   * @param method the method as spelled, e.g. {@code semantic}, {@code prototype-easy}
   * @param options the method's option values given, by option name ({@code --clusters})
   * @param seed the seed of the methods that draw at random
   * @param fractions keep fractions; none with {@code semdedup --epsilon}
   * @param out the output folder
   * @param overwrite whether an existing output of this job may be replaced
   */
  public record Request(
      Path embeddings,
      String method,
      TreeMap<String, String> options,
      long seed,
      List<Double> fractions,
      Path out,
      boolean overwrite) {

    /**
     * Checks the method, its options and the fractions, before any work.
     *
     * @throws IllegalArgumentException with one line naming the bad option
     */
    public Request {
      Objects.requireNonNull(embeddings, "embeddings");
      Objects.requireNonNull(out, "out");
      fractions = List.copyOf(fractions);
      options = new TreeMap<>(options);
      Recipe recipe = new Recipe(method, options, seed);
      if (recipe.byThreshold() && !fractions.isEmpty()) {
        throw new IllegalArgumentException(
            "--keep and --epsilon: give one (semdedup keeps what --epsilon leaves, or searches for"
                + " the epsilon that keeps --keep)");
      }
      if (!recipe.byThreshold()) {
        if (fractions.isEmpty()) {
          throw new IllegalArgumentException("Missing required option: '--keep=F'");
        }
        KeepFractions.checkAll("--keep", "--keep", fractions);
      }
      supported(recipe, fractions);
    }

    Recipe recipe() {
      return new Recipe(method, options, seed);
    }
  }

  /**
   * What was written.
   *
   * @param out the output folder
   * @param folders the folder of each selection
   * @param kept the rows each kept
   * @param total the samples
   * @param restored classes (or SemDeDup's clusters) restored from a killed run's work folder
   * @param seconds wall-clock seconds
   * @param timings its stages: reading the input and its catalogue to the driver, the selection
   *     (every Spark job of the method), writing the outputs
   */
  public record Report(
      Path out,
      List<Path> folders,
      List<Integer> kept,
      int total,
      int restored,
      double seconds,
      Pruning.Timings timings) {}

  /**
   * Runs a request on {@code spark}.
   *
   * @throws org.winnow.datasets.DatasetException when the embeddings cannot be read or are invalid
   * @throws IllegalArgumentException when the output exists without {@code --overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  @SuppressWarnings("try") // the claim is held, not used
  public static Report run(SparkSession spark, Request request, PrintStream log)
      throws IOException {
    long start = System.nanoTime();
    Path out = request.out().toAbsolutePath().normalize();
    OutputGuard.checkFresh(out, request.embeddings(), request.overwrite(), OUTPUT);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(spark, request, out, start, log);
    }
  }

  private static Report runClaimed(
      SparkSession spark, Request request, Path out, long start, PrintStream log)
      throws IOException {
    EmbeddingTable table = EmbeddingTable.read(spark, request.embeddings());
    EmbeddingTable.Catalogue cat = table.catalogue();
    long read = System.nanoTime();
    Recipe recipe = request.recipe();
    Selector selector = recipe.selector();
    List<Double> fractions = request.fractions();
    Manifest key =
        new Manifest(
            TOOL,
            WinnowSpark.version(),
            Pruning.options(selector, fractions),
            selector.randomSeed(),
            List.of(cat.input()));
    Path work = Pruning.workFolder(out);
    openWork(work, key.toJson());
    log.printf(
        Locale.ROOT,
        "winnow spark prune: %,d samples in %,d classes, %s on %s%n",
        cat.size(),
        cat.classNames().size(),
        recipe.method(),
        spark.sparkContext().master());
    List<Double> thresholds = selector.thresholds();
    int selections = thresholds.isEmpty() ? fractions.size() : thresholds.size();
    List<BitSet> kept;
    int restored = 0;
    MethodSpec spec = recipe.spec();
    // SemDeDup not within classes runs over all samples at once
    if (spec.method().create(spec.options(), recipe.seed()) instanceof SemDeDupSelector raw
        && !raw.options().withinClass()) {
      kept = new ArrayList<>();
      SemDeDupJob.Outcome outcome = SemDeDupJob.run(table, raw, fractions, work);
      restored = outcome.restoredClusters();
      for (Selection s : outcome.selections()) {
        BitSet b = new BitSet(cat.size());
        for (int row : s.keptRows()) {
          b.set(row);
        }
        kept.add(b);
      }
    } else {
      ClassJob.Kept k = ClassJob.run(table, recipe, fractions, selections, work);
      kept = k.rows();
      restored = k.restoredClasses();
    }
    long selected = System.nanoTime();
    TreeMap<String, String> options = new TreeMap<>(key.options());
    options.put("engine", "spark " + spark.version());
    options.put("master", spark.sparkContext().master());
    Manifest manifest = new Manifest(key.tool(), key.version(), options, key.seed(), key.inputs());
    List<Path> folders = write(table, out, thresholds, fractions, kept, manifest);
    AtomicFiles.deleteTree(work);
    List<Integer> counts = kept.stream().map(BitSet::cardinality).toList();
    for (int s = 0; s < folders.size(); s++) {
      log.printf(
          Locale.ROOT,
          "%s: kept %,d of %,d -> %s%n",
          thresholds.isEmpty()
              ? "keep " + KeepFractions.format(fractions.get(s))
              : "epsilon " + KeepFractions.format(thresholds.get(s)),
          counts.get(s),
          cat.size(),
          folders.get(s).resolve("keep.csv"));
    }
    long written = System.nanoTime();
    Pruning.Timings timings =
        new Pruning.Timings(
            (read - start) / 1e9, (selected - read) / 1e9, (written - selected) / 1e9);
    log.printf(
        Locale.ROOT,
        "took %.2f s: read %.2f s, %s %.2f s, write %.2f s%n",
        (written - start) / 1e9,
        timings.read(),
        recipe.method(),
        timings.select(),
        timings.write());
    return new Report(out, folders, counts, cat.size(), restored, (written - start) / 1e9, timings);
  }

  /** Refuses what this engine does not run, with one line saying what to use instead. */
  private static void supported(Recipe recipe, List<Double> fractions) {
    MethodSpec spec = recipe.spec();
    Selector raw = spec.method().create(spec.options(), recipe.seed());
    String name = spec.method().name();
    if (!List.of("semantic", "random", "prototype", "semdedup").contains(name)) {
      throw new IllegalArgumentException(
          "--method "
              + recipe.method()
              + ": WinnowSpark runs semantic, random, prototype and semdedup (and their"
              + " variants); use winnow prune for "
              + name);
    }
    if (raw instanceof PrototypeSelector p
        && p.options().scope() == PrototypeSelector.Scope.GLOBAL) {
      throw new IllegalArgumentException(
          "--scope global: WinnowSpark runs prototype within each class; use winnow prune for"
              + " k-means over all samples");
    }
    if (raw instanceof SemDeDupSelector s && s.options().withinClass() && !fractions.isEmpty()) {
      throw new IllegalArgumentException(
          "--within-class with --keep searches one epsilon over all classes; give --epsilon to"
              + " WinnowSpark (or use winnow prune)");
    }
  }

  /**
   * Starts or continues the work folder of the request {@code key}; another request's is replaced.
   */
  private static void openWork(Path work, String key) throws IOException {
    Path keyFile = work.resolve("request.json");
    if (Files.isDirectory(work)
        && !(Files.isRegularFile(keyFile)
            && Files.readString(keyFile, StandardCharsets.UTF_8).equals(key))) {
      AtomicFiles.deleteTree(work);
    }
    Files.createDirectories(work);
    if (!Files.exists(keyFile)) {
      AtomicFiles.writeString(keyFile, key);
    }
  }

  private static List<Path> write(
      EmbeddingTable table,
      Path out,
      List<Double> thresholds,
      List<Double> fractions,
      List<BitSet> kept,
      Manifest manifest)
      throws IOException {
    EmbeddingTable.Catalogue cat = table.catalogue();
    List<Row> names = new ArrayList<>();
    for (int c = 0; c < cat.classNames().size(); c++) {
      names.add(RowFactory.create(c, cat.classNames().get(c)));
    }
    Dataset<Row> classes =
        table
            .rows()
            .sparkSession()
            .createDataFrame(
                names,
                new StructType()
                    .add(EmbeddingTable.LABEL, DataTypes.IntegerType, false)
                    .add(EmbeddingTable.CLASS_NAME, DataTypes.StringType, false));
    Path temp = AtomicFiles.tempSibling(out);
    List<Path> folders = new ArrayList<>();
    try {
      for (int s = 0; s < kept.size(); s++) {
        String sub =
            kept.size() == 1
                ? ""
                : thresholds.isEmpty()
                    ? Pruning.folderName(fractions.get(s))
                    : Pruning.thresholdFolderName(thresholds.get(s));
        Path dir = temp.resolve(sub);
        Files.createDirectories(dir);
        BitSet rows = kept.get(s);
        if (cat.whole().isPresent()) {
          KeepList.writeKeep(dir.resolve("keep.csv"), cat.whole().get(), rows::get);
        } else {
          KeepList.writeKeep(
              dir.resolve("keep.csv"),
              cat.ids(),
              cat.labels(),
              cat.classNames(),
              Optional.empty(),
              rows::get);
        }
        table
            .rows()
            .filter((FilterFunction<Row>) r -> rows.get((int) r.getLong(0)))
            .join(org.apache.spark.sql.functions.broadcast(classes), EmbeddingTable.LABEL)
            .orderBy(EmbeddingTable.ROW)
            .select(
                col(EmbeddingTable.ID), col(EmbeddingTable.LABEL), col(EmbeddingTable.CLASS_NAME))
            .coalesce(1)
            .write()
            .parquet(dir.resolve("keep.parquet").toUri().toString());
        folders.add(out.resolve(sub));
      }
      AtomicFiles.writeString(temp.resolve("manifest.json"), manifest.toJson());
      AtomicFiles.replaceFolder(temp, out);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    return folders;
  }
}
