package org.winnow.train.curve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.plot.CurvePoint;

/**
 * The front door of {@code winnow curve}: reproduces the redundancy curves of Birodkar, Mobahi and
 * Bengio 2019 (§4, Figure 2). For each (method, fraction, trial) it trains a network from scratch
 * on that subset with a {@link CurveTrainer} and records its test accuracy.
 *
 * <p>The curve's folder holds:
 *
 * <ul>
 *   <li>{@code manifest.json}: options, trainer settings, seed, and the dataset's index hash and
 *       the embeddings' SHA-256; a folder made with other options or inputs is refused;
 *   <li>{@code subsets/}: the keep-lists ({@link Subsets});
 *   <li>{@code runs/<method>-<fraction>-t<trial>/}: each run's folder, with {@code run.csv} written
 *       last, when the run is finished;
 *   <li>{@code runs.csv} and {@code curve.csv} ({@link RunRow}, {@link CurvePoint}), rewritten
 *       after every run.
 * </ul>
 *
 * <p><b>Resume.</b> Rerunning the same curve after a kill skips the runs that have their {@code
 * run.csv} and redoes the others from scratch (a run folder without one is deleted first).
 *
 * <p><b>Fraction 1</b> is the whole training split, the same for every subset method: it is trained
 * once per trial (labelled {@code full}) and shared by them, and by {@code standard}.
 */
public final class RedundancyCurve {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow curve";

  /** The file in a run's folder that marks it finished. */
  public static final String RUN_RECORD = "run.csv";

  private RedundancyCurve() {}

  /**
   * What was measured.
   *
   * @param out the curve's folder
   * @param runs every run, finished now or earlier, in plan order
   * @param points the curve
   * @param trained the runs trained by this call (the others were finished earlier)
   */
  public record Result(Path out, List<RunRow> runs, List<CurvePoint> points, int trained) {

    /** The {@code curve.csv} file. */
    public Path curveCsv() {
      return out.resolve("curve.csv");
    }
  }

  /**
   * Measures a curve, or finishes an interrupted one.
   *
   * @param log receives one line per run (started, skipped, finished), for the user and the log
   * @throws DatasetException when the embeddings are not of this dataset's train split
   * @throws IllegalArgumentException when the folder holds a curve made with other options
   * @throws IOException when an output cannot be written
   */
  public static Result run(
      CurveOptions options, CurveTrainer trainer, Progress progress, Consumer<String> log)
      throws IOException {
    Path out = options.out().toAbsolutePath().normalize();
    ImageDataset dataset = Datasets.open(options.data(), options.open(), progress);
    String index = IndexHash.of(dataset);
    EmbeddingSet embeddings = EmbeddingSource.of(options.embeddings()).read();
    checkEmbeddings(options.embeddings(), embeddings, dataset, index);
    // The inputs are only read up to here; the folder is checked and claimed before any write.
    checkOutput(options);
    try (OutputLock claim = OutputLock.acquire(out)) {
      claimFolder(out, manifest(options, trainer, dataset, index, embeddings));
      return runClaimed(options, out, trainer, progress, log, dataset, embeddings);
    }
  }

  /**
   * Refuses a curve folder that is, contains or lies inside the dataset, the embeddings or the
   * dataset they record ({@link OutputGuard}); the CLI calls it before it opens its log there.
   */
  public static void checkOutput(CurveOptions options) {
    OutputGuard.check(
        options.out(),
        OutputGuard.withRecordedDatasets(List.of(options.data(), options.embeddings())),
        false,
        OUTPUT);
  }

  /** A curve folder Winnow wrote: it holds the curve's {@code manifest.json}. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("curve folder", "manifest.json");

  private static Result runClaimed(
      CurveOptions options,
      Path out,
      CurveTrainer trainer,
      Progress progress,
      Consumer<String> log,
      ImageDataset dataset,
      EmbeddingSet embeddings)
      throws IOException {

    Subsets subsets = new Subsets(out.resolve("subsets"), options);
    List<PlannedRun> plan = PlannedRun.plan(options);
    List<RunRow> rows = new ArrayList<>();
    List<CurvePoint> points = List.of();
    int trained = 0;
    for (int i = 0; i < plan.size(); i++) {
      PlannedRun run = plan.get(i);
      String label = String.format("run %d/%d %s", i + 1, plan.size(), run.name());
      Path dir = out.resolve("runs").resolve(run.name());
      Path record = dir.resolve(RUN_RECORD);
      RunRow row;
      if (Files.isRegularFile(record)) {
        row = CurveTables.readRun(record);
        log.accept(label + ": finished earlier, skipped");
      } else {
        AtomicFiles.deleteTree(dir);
        Optional<Path> keep = subsets.keepList(run, progress);
        log.accept(label + ": training (selector " + run.selector() + ", seed " + run.seed() + ")");
        CurveTrainer.Outcome r =
            trainer.train(
                new CurveTrainer.Request(run.selector(), keep, run.seed(), dir, false),
                new LabelledProgress(run.name(), progress));
        row =
            new RunRow(
                run.method(),
                run.fraction(),
                run.trial(),
                run.seed(),
                r.trainSize(),
                r.testAccuracy(),
                r.bestTestAccuracy(),
                r.wallSeconds(),
                out.relativize(dir).toString());
        CurveTables.writeRun(record, row);
        trained++;
        log.accept(
            String.format(
                java.util.Locale.ROOT,
                "%s: test accuracy %.4f on %,d training samples in %.1f s",
                label,
                r.testAccuracy(),
                r.trainSize(),
                r.wallSeconds()));
      }
      rows.add(row);
      points = CurveTables.writeTables(out, options, rows);
    }
    return new Result(out, List.copyOf(rows), points, trained);
  }

  /**
   * Refuses embeddings of other data. A file that declares a dataset index hash must declare this
   * dataset's and the train split; one that declares none (a NumPy file) must hold exactly the
   * train split's sample ids.
   */
  private static void checkEmbeddings(
      Path file, EmbeddingSet embeddings, ImageDataset dataset, String index) {
    Optional<String> declared = embeddings.attribute(EmbeddingsHeader.INDEX_SHA256);
    if (declared.isEmpty()) {
      List<String> train = dataset.samples(Split.TRAIN).stream().map(Sample::id).toList();
      embeddings.rowsOf(train, "train-split sample");
      if (embeddings.size() != train.size()) {
        throw new DatasetException(
            String.format(
                "%s: declares no index_sha256 and holds %,d rows, but the train split of %s has"
                    + " %,d samples; a curve needs exactly the train split's embeddings",
                file, embeddings.size(), dataset.root(), train.size()));
      }
      return;
    }
    if (!declared.get().equals(index)) {
      throw new DatasetException(
          file
              + ": embeddings of another dataset (index hash "
              + abbreviate(declared.get())
              + ", "
              + dataset.root()
              + " has "
              + abbreviate(index)
              + ")");
    }
    String split = embeddings.attribute(EmbeddingsHeader.SPLIT).orElse(Split.TRAIN.id());
    if (!split.equals(Split.TRAIN.id())) {
      throw new DatasetException(
          file + ": embeddings of split '" + split + "'; a curve needs the train split's");
    }
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
  }

  private static Manifest manifest(
      CurveOptions o,
      CurveTrainer trainer,
      ImageDataset dataset,
      String index,
      EmbeddingSet embeddings)
      throws IOException {
    TreeMap<String, String> options = new TreeMap<>();
    options.put(
        "fractions",
        o.fractions().stream().map(KeepFractions::format).collect(Collectors.joining(",")));
    options.put("methods", String.join(",", o.methods()));
    options.put("trials", Integer.toString(o.trials()));
    trainer.settings().forEach((k, v) -> options.put("train." + k, v));
    Path emb = o.embeddings().toAbsolutePath().normalize();
    return new Manifest(
        TOOL,
        o.version(),
        options,
        java.util.OptionalLong.of(o.seed()),
        List.of(
            new Manifest.Input(
                "dataset",
                dataset.root().toAbsolutePath().normalize().toString(),
                index,
                Optional.of(index),
                Optional.empty()),
            new Manifest.Input(
                "embeddings",
                emb.toString(),
                EmbeddingSource.of(emb).sha256(),
                embeddings.attribute(EmbeddingsHeader.INDEX_SHA256),
                embeddings.attribute(EmbeddingsHeader.MANIFEST))));
  }

  /**
   * Writes the manifest into a new folder, or checks that an existing folder was made with the same
   * one.
   */
  private static void claimFolder(Path out, Manifest manifest) throws IOException {
    Path file = out.resolve("manifest.json");
    String text = manifest.toJson();
    if (Files.isRegularFile(file)) {
      String before = Files.readString(file, StandardCharsets.UTF_8);
      if (!before.equals(text)) {
        throw new IllegalArgumentException(
            out
                + ": holds a curve made with other options or inputs (differing: "
                + org.winnow.datasets.manifest.ManifestDiff.differingKeys(before, text)
                + "); rerun it with the same ones, or choose another --out");
      }
      return;
    }
    if (Files.exists(out) && !holdsOnlyLogs(out)) {
      throw new IllegalArgumentException(
          out + ": exists and is not a curve folder (no manifest.json); choose another --out");
    }
    Files.createDirectories(out);
    AtomicFiles.writeString(file, text);
  }

  /** Whether {@code dir} is a folder with nothing but log files in it (the command's own). */
  private static boolean holdsOnlyLogs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var s = Files.list(dir)) {
      return s.allMatch(p -> p.getFileName().toString().endsWith(".log"));
    }
  }
}
