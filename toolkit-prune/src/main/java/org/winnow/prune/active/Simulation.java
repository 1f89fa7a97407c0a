package org.winnow.prune.active;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepList;
import org.winnow.prune.NearestNeighbours;

/**
 * The front door of {@code winnow active simulate}: pool-based active learning on a labelled
 * dataset whose labels act as the oracle. A seeded, class-stratified share of the samples is held
 * out as the test set; the rest is the pool. Every trial starts from one initial labelled set
 * (class-balanced or random), shared by all its learners; each learner (strategy × pool) then
 * trains the linear head, measures test accuracy, and labels the {@code budget} best candidates,
 * round after round.
 *
 * <p>Writes into the output folder {@code rounds.csv} ({@link RoundRow}), the labelled set of every
 * round as a keep-list ({@code labelled/<strategy>-<pool>-trial<t>/round-<r>.csv}), {@code
 * active.png} and {@code active.svg} (test accuracy against labels, mean ± std over trials per
 * learner, drawn by {@link ActivePlot}) and {@code manifest.json}.
 *
 * <p>The folder is built in the hidden work folder {@code .<out>.partial}, round by round: a
 * round's keep-list, then its learner's rows so far, each renamed into place. A killed run leaves
 * it, and the same command continues from each learner's last finished round. Every draw is seeded
 * by (seed, trial, round), the head is fitted on the labelled rows in ascending order, and the
 * SEALS pool searches new labels in ascending order, so a continued run, like any rerun with the
 * same seed, writes the same bytes, except the two timing columns.
 */
public final class Simulation {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow active simulate";

  /** What {@code --overwrite} may replace: a folder holding a {@code rounds.csv}. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("active-learning simulation", "rounds.csv");

  private static final String REQUEST = "request.json";
  private static final String ROWS = "rows";

  private Simulation() {}

  /**
   * The experiment.
   *
   * @param embeddings the labelled dataset's embeddings
   * @param initial how many samples are labelled at round 0
   * @param balanced whether the initial samples are spread evenly over the classes (else uniform)
   * @param budget samples labelled per round
   * @param rounds rounds after the initial one
   * @param strategies the strategies, each a learner per pool
   * @param pools the pools
   * @param trials trials, each with its own initial set
   * @param beta information density's exponent
   * @param sealsK the SEALS pool's neighbours per labelled sample
   * @param index how the SEALS pool searches
   * @param testFraction the share of each class held out for testing, in (0, 1)
   * @param seed the seed of every draw
   * @param out the output folder
   * @param overwrite whether an existing output folder may be replaced
   * @param version the Winnow version, for the manifest
   */
  public record Request(
      Path embeddings,
      int initial,
      boolean balanced,
      int budget,
      int rounds,
      List<Strategy> strategies,
      List<PoolMode> pools,
      int trials,
      double beta,
      int sealsK,
      IndexKind index,
      double testFraction,
      long seed,
      Path out,
      boolean overwrite,
      String version) {

    /**
     * Validates the request.
     *
     * @throws IllegalArgumentException with one line naming the option that is out of range
     */
    public Request {
      Objects.requireNonNull(embeddings, "embeddings");
      strategies = List.copyOf(strategies);
      pools = List.copyOf(pools);
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(version, "version");
      positive("--initial", initial);
      positive("--budget", budget);
      positive("--rounds", rounds);
      positive("--trials", trials);
      positive("--seals-k", sealsK);
      if (strategies.isEmpty() || strategies.size() != strategies.stream().distinct().count()) {
        throw new IllegalArgumentException("--strategies must name distinct strategies");
      }
      if (pools.isEmpty() || pools.size() != pools.stream().distinct().count()) {
        throw new IllegalArgumentException("--pool must name distinct pools");
      }
      if (!(testFraction > 0 && testFraction < 1)) {
        throw new IllegalArgumentException(
            "--test-fraction must be in (0, 1), not " + testFraction);
      }
      new Acquisition.Settings(Strategy.MAXENT, beta, budget, seed); // checks beta
    }

    private static void positive(String option, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(option + " must be at least 1, not " + value);
      }
    }

    /** The options the manifest records. */
    TreeMap<String, String> options() {
      TreeMap<String, String> o = new TreeMap<>();
      o.put("initial", Integer.toString(initial));
      o.put("initial_draw", balanced ? "balanced" : "random");
      o.put("budget", Integer.toString(budget));
      o.put("rounds", Integer.toString(rounds));
      o.put(
          "strategies", strategies.stream().map(Strategy::label).collect(Collectors.joining(",")));
      o.put("pool", pools.stream().map(PoolMode::label).collect(Collectors.joining(",")));
      o.put("trials", Integer.toString(trials));
      o.put("beta", Double.toString(beta));
      o.put("seals_k", Integer.toString(sealsK));
      o.put("index", index.label());
      o.put("test_fraction", Double.toString(testFraction));
      o.put("model", "linear");
      return o;
    }
  }

  /**
   * What was written.
   *
   * @param out the output folder
   * @param rows every row of {@code rounds.csv}
   * @param poolSize the samples of the pool
   * @param testSize the held-out test samples
   * @param resumedRounds rounds restored from an interrupted run of the same request
   */
  public record Report(
      Path out, List<RoundRow> rows, int poolSize, int testSize, int resumedRounds) {}

  /**
   * Runs the experiment.
   *
   * @param progress advanced once per finished round of any learner
   * @throws OptionException when the pool is too small for the initial set and the rounds
   * @throws org.winnow.datasets.DatasetException when the embeddings cannot be read or the output
   *     is refused
   * @throws IllegalArgumentException when the output exists without {@code --overwrite}
   * @throws IOException when writing fails
   */
  public static Report run(Request request, Progress progress) throws IOException {
    Path out = request.out().toAbsolutePath().normalize();
    OutputGuard.checkFresh(out, request.embeddings(), request.overwrite(), OUTPUT);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(request, out, progress);
    }
  }

  /** The hidden work folder {@code .<out>.partial} beside the output. */
  public static Path workFolder(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".partial");
  }

  private static Report runClaimed(Request request, Path out, Progress progress)
      throws IOException {
    EmbeddingSource source = EmbeddingSource.of(request.embeddings());
    EmbeddingSet data = source.read();
    Split split = Split.of(data, request.testFraction(), request.seed());
    int needed = request.initial() + request.rounds() * request.budget();
    if (needed > split.pool().length) {
      throw new OptionException(
          String.format(
              Locale.ROOT,
              "--initial %d + --rounds %d × --budget %d = %d labels, more than the %d samples of"
                  + " the pool (%s less the %d held out by --test-fraction)",
              request.initial(),
              request.rounds(),
              request.budget(),
              needed,
              split.pool().length,
              request.embeddings(),
              split.test().length));
    }
    Manifest manifest =
        new Manifest(
            TOOL,
            request.version(),
            request.options(),
            OptionalLong.of(request.seed()),
            List.of(source.manifestInput("embeddings", data)));
    Path work = workFolder(out);
    openWork(work, manifest.toJson());

    double[][] unit = NearestNeighbours.unitRows(data.vectors());
    Learners learners = new Learners(data, unit, split, request);
    progress.start(
        "simulate",
        (long) request.trials()
            * request.strategies().size()
            * request.pools().size()
            * (request.rounds() + 1));
    List<RoundRow> rows = new ArrayList<>();
    int resumed = 0;
    for (int trial = 0; trial < request.trials(); trial++) {
      for (Strategy strategy : request.strategies()) {
        for (PoolMode pool : request.pools()) {
          String track = strategy.label() + "-" + pool.label() + "-trial" + trial;
          Path rowsFile = work.resolve(ROWS).resolve(track + ".csv");
          List<RoundRow> done = Files.isRegularFile(rowsFile) ? RoundRow.read(rowsFile) : List.of();
          resumed += done.size();
          progress.advance(done.size());
          rows.addAll(
              learners.run(
                  trial,
                  strategy,
                  pool,
                  done,
                  work.resolve("labelled").resolve(track),
                  rowsFile,
                  progress));
        }
      }
    }
    progress.finish();

    AtomicFiles.writeString(work.resolve("rounds.csv"), RoundRow.csv(rows));
    // drawn from the table as written, so that restored rounds (read back from it) and computed
    // ones plot the same
    List<RoundRow> written = RoundRow.read(work.resolve("rounds.csv"));
    ActivePlot.write(
        written,
        split.pool().length,
        "Active learning, " + request.embeddings().getFileName() + ", linear head",
        work.resolve("active.png"),
        work.resolve("active.svg"));
    AtomicFiles.writeString(work.resolve("manifest.json"), manifest.toJson());
    AtomicFiles.deleteTree(work.resolve(ROWS));
    Files.delete(work.resolve(REQUEST));
    AtomicFiles.replaceFolder(work, out);
    return new Report(out, written, split.pool().length, split.test().length, resumed);
  }

  /** Keeps a work folder made for the same request; otherwise starts a fresh one. */
  private static void openWork(Path work, String fingerprint) throws IOException {
    Path request = work.resolve(REQUEST);
    boolean same =
        Files.isRegularFile(request)
            && Arrays.equals(
                Files.readAllBytes(request), fingerprint.getBytes(StandardCharsets.UTF_8));
    if (!same) {
      AtomicFiles.deleteTree(work);
      Files.createDirectories(work);
      AtomicFiles.writeString(request, fingerprint);
    }
  }

  /** Writes the keep-list of the given pool rows (any order) through a temporary sibling. */
  static void writeKeep(Path file, EmbeddingSet data, int[] globalRows) throws IOException {
    boolean[] kept = new boolean[data.size()];
    for (int r : globalRows) {
      kept[r] = true;
    }
    Path temp = AtomicFiles.tempSibling(file);
    try {
      KeepList.writeKeep(temp, data, r -> kept[r]);
      AtomicFiles.commit(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
