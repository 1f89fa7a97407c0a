package org.winnow.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Split;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Embedder;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.Pruning;
import org.winnow.prune.Selector;
import org.winnow.train.curve.CurveMethods;
import org.winnow.train.curve.CurveTrainer;

/**
 * {@code winnow run}: the pipeline of Birodkar, Mobahi and Bengio, <i>Semantic Redundancies in
 * Image-Classification Datasets: The 10% You Don't Need</i>, 2019 (§3) in one job, each step a
 * {@link StageFolder} of the job's folder:
 *
 * <ol>
 *   <li>{@code reference/}: train the reference network on the full training split ({@code run/} is
 *       its run folder); skipped when the user gives a model;
 *   <li>{@code embed/}: {@code embeddings.h5}, the penultimate-layer embeddings of the train split;
 *   <li>{@code prune/}: {@code keep.csv}, {@code groups.csv}, {@code summary.json} of the chosen
 *       selection method ({@code semantic} by default) at the keep fraction;
 * </ol>
 *
 * <p>then copies the three pruning files to the job's folder and writes {@code report.html} there.
 */
public final class MainJob {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow run";

  /** The files of the prune stage that the job's folder gets a copy of. */
  static final List<String> OUTPUTS = List.of("keep.csv", "groups.csv", "summary.json");

  private MainJob() {}

  /**
   * What to run.
   *
   * @param data the dataset folder
   * @param open how to open it
   * @param keep the keep fraction, in (0, 1]
   * @param out the job's folder
   * @param model the model to embed with ({@code winnow embed --model}); empty to train one
   * @param seed the reference training's seed (and a random-init model's, and a seeded method's)
   * @param embedBatchSize images per forward pass when embedding
   * @param method the selection method of the prune stage and its options
   * @param version the Winnow version
   */
  public record Request(
      Path data,
      OpenOptions open,
      double keep,
      Path out,
      Optional<String> model,
      long seed,
      int embedBatchSize,
      MethodSpec method,
      String version) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(open, "open");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(version, "version");
      KeepFractions.check("--keep", keep);
      if (embedBatchSize < 1) {
        throw new IllegalArgumentException("--embed-batch-size must be at least 1");
      }
    }
  }

  /**
   * What the job left.
   *
   * @param out the job's folder
   * @param embeddings the embeddings file
   * @param kept samples kept
   * @param total samples in the train split
   * @param built the stages built by this call (the others were up to date)
   * @param report the HTML report
   */
  public record Result(
      Path out, Path embeddings, int kept, int total, List<String> built, Path report) {

    /** The keep-list. */
    public Path keepCsv() {
      return out.resolve("keep.csv");
    }
  }

  /**
   * Runs the job, skipping the stages that are complete and the same.
   *
   * @param trainer trains the reference network (unused when the request names a model)
   * @param log receives a line per stage
   */
  public static Result run(Request r, CurveTrainer trainer, Progress progress, Consumer<String> log)
      throws IOException {
    return run(r, trainer, progress, log, true);
  }

  /**
   * Runs the job; with {@code writeReport} false the report is left to the caller (the demo writes
   * one over the run and its curve), and {@link Result#report()} is where it goes.
   */
  static Result run(
      Request r, CurveTrainer trainer, Progress progress, Consumer<String> log, boolean writeReport)
      throws IOException {
    Path out = r.out().toAbsolutePath().normalize();
    checkOutput(r);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(r, out, trainer, progress, log, writeReport);
    }
  }

  /**
   * Refuses a job folder that is, contains or lies inside the dataset or the model ({@link
   * OutputGuard}); the CLI calls it before it opens its log there.
   */
  public static void checkOutput(Request r) {
    List<Path> inputs = new ArrayList<>(List.of(r.data()));
    r.model()
        .flatMap(
            m -> {
              try {
                return Optional.of(Path.of(m)).filter(Files::exists);
              } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty(); // a model name
              }
            })
        .ifPresent(inputs::add);
    OutputGuard.check(r.out(), inputs, false, OUTPUT);
  }

  /** A job folder Winnow wrote: its stages keep their manifests in it. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("job folder", "manifest.json");

  private static Result runClaimed(
      Request r,
      Path out,
      CurveTrainer trainer,
      Progress progress,
      Consumer<String> log,
      boolean writeReport)
      throws IOException {
    ImageDataset dataset = Datasets.open(r.data(), r.open(), progress);
    Manifest.Input data = datasetInput(dataset);
    List<String> built = new ArrayList<>();

    String modelSpec;
    Manifest.Input model;
    if (r.model().isEmpty()) {
      TreeMap<String, String> options = new TreeMap<>(trainer.settings());
      options.put("selector", CurveMethods.STANDARD);
      Manifest m = manifest("reference", r, options, data);
      if (StageFolder.run(
          out,
          "reference",
          m,
          (folder, resuming) -> {
            Path run = folder.resolve("run");
            trainer.train(
                new CurveTrainer.Request(
                    CurveMethods.STANDARD,
                    Optional.empty(),
                    r.seed(),
                    run,
                    resuming && Files.exists(run)),
                progress);
          },
          log)) {
        built.add("reference");
      }
      modelSpec = out.resolve("reference/run").toString();
      model = StageFolder.input(out, "reference");
    } else {
      modelSpec = r.model().get();
      model = modelInput(modelSpec);
    }

    EmbedOptions embed =
        EmbedOptions.defaults(modelSpec)
            .withSplit(Optional.of(Split.TRAIN))
            .withBatchSize(r.embedBatchSize())
            .withSeed((int) r.seed());
    // The keys winnow embed's own manifest records; the job's own reference model is named by its
    // stage (an input below), not by its absolute path, so that a moved job folder stays up to
    // date.
    TreeMap<String, String> embedOptions = new TreeMap<>(Embedder.requestOptions(dataset, embed));
    if (r.model().isEmpty()) {
      embedOptions.put("model", "reference");
    }
    Path embeddings = out.resolve("embed/embeddings.h5");
    if (StageFolder.run(
        out,
        "embed",
        manifest("embed", r, embedOptions, data, model),
        (folder, resuming) -> {
          Path file = folder.resolve("embeddings.h5");
          if (!Files.exists(file)) { // present: finished before a kill hit the rename
            Embedder.embed(dataset, embed, file, r.version(), progress);
          }
        },
        log)) {
      built.add("embed");
    }

    Selector selector = r.method().create(r.seed());
    List<Double> fractions = List.of(r.keep());
    // Hashed once: the stage's key, and the pruning run's manifest through the request.
    String embeddingsSha256 = Sha256.of(embeddings);
    Manifest.Input embeddingsInput =
        new Manifest.Input(
            "embeddings",
            "embed/embeddings.h5",
            embeddingsSha256,
            Optional.empty(),
            Optional.empty());
    if (StageFolder.run(
        out,
        "prune",
        manifest(
            "prune",
            r,
            Pruning.options(selector, fractions),
            embeddingsInput,
            StageFolder.input(out, "embed")),
        (folder, resuming) -> {
          Path pruned = folder.resolve("pruned");
          AtomicFiles.deleteTree(pruned);
          Pruning.run(
              new Pruning.Request(
                  embeddings,
                  selector,
                  fractions,
                  pruned,
                  false,
                  r.version(),
                  Optional.of(embeddingsSha256)),
              progress);
          for (String f : OUTPUTS) {
            Files.move(pruned.resolve(f), folder.resolve(f));
          }
          AtomicFiles.deleteTree(pruned);
        },
        log)) {
      built.add("prune");
    }

    for (String f : OUTPUTS) {
      copy(out.resolve("prune").resolve(f), out.resolve(f));
    }
    int kept = rows(out.resolve("keep.csv"));
    int total = rows(out.resolve("groups.csv"));
    Path report =
        writeReport
            ? ReportHooks.writeReport(out, Optional.empty(), r.version(), progress)
            : ReportHooks.reportFile(out);
    return new Result(out, embeddings, kept, total, List.copyOf(built), report);
  }

  private static Manifest manifest(
      String stage, Request r, TreeMap<String, String> options, Manifest.Input... inputs) {
    return new Manifest(
        TOOL + ": " + stage, r.version(), options, OptionalLong.of(r.seed()), List.of(inputs));
  }

  /** The dataset as an input: its folder and index hash (no single file to hash). */
  static Manifest.Input datasetInput(ImageDataset dataset) {
    String index = IndexHash.of(dataset);
    return new Manifest.Input(
        "dataset",
        dataset.root().toAbsolutePath().normalize().toString(),
        index,
        Optional.of(index),
        Optional.empty());
  }

  /** A user's model as an input: the file's SHA-256, or a checkpoint folder's metadata file's. */
  static Manifest.Input modelInput(String spec) throws IOException {
    Path p = Path.of(spec).toAbsolutePath().normalize();
    Optional<Path> file = Optional.empty();
    if (Files.isRegularFile(p)) {
      file = Optional.of(p);
    } else if (Files.isDirectory(p)) {
      for (Path c :
          List.of(p.resolve("checkpoint/checkpoint.json"), p.resolve("checkpoint.json"))) {
        if (Files.isRegularFile(c)) {
          file = Optional.of(c);
          break;
        }
      }
    }
    return file.isPresent()
        ? new Manifest.Input(
            "model",
            file.get().toString(),
            Sha256.of(file.get()),
            Optional.empty(),
            Optional.empty())
        : new Manifest.Input("model", spec, "", Optional.empty(), Optional.empty());
  }

  private static void copy(Path from, Path to) throws IOException {
    Path temp = AtomicFiles.tempSibling(to);
    try {
      Files.copy(from, temp);
      AtomicFiles.commit(temp, to);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static int rows(Path csv) throws IOException {
    try (var lines = Files.lines(csv)) {
      return (int) lines.count() - 1;
    }
  }
}
