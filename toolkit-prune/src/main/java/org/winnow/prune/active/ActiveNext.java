package org.winnow.prune.active;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.prune.KeepList;
import org.winnow.prune.NearestNeighbours;

/**
 * The front door of {@code winnow active next}: from a pool's embeddings and the samples labelled
 * so far, the {@code budget} samples to label next. Writes {@code to-label.csv} (columns {@code
 * id,score,rank}, plus {@code path} for a folder dataset; best first, rank from 1) and {@code
 * manifest.json}, in a folder built under a temporary name and renamed into place.
 */
public final class ActiveNext {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow active next";

  /** What {@code --overwrite} may replace: a folder holding a {@code to-label.csv}. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("active-learning batch", "to-label.csv");

  private ActiveNext() {}

  /**
   * What to choose and where to write it.
   *
   * @param embeddings the pool's embeddings file
   * @param labelled the {@code labelled.csv} ({@link LabelledList})
   * @param settings strategy, beta, budget and seed
   * @param pool all unlabelled samples or the SEALS candidates
   * @param sealsK the SEALS pool's neighbours per labelled sample
   * @param index how the SEALS pool searches
   * @param model the classifier
   * @param out the output folder
   * @param overwrite whether an existing output folder may be replaced
   * @param version the Winnow version, for the manifest
   */
  public record Request(
      Path embeddings,
      Path labelled,
      Acquisition.Settings settings,
      PoolMode pool,
      int sealsK,
      IndexKind index,
      ModelFactory model,
      Path out,
      boolean overwrite,
      String version) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(embeddings, "embeddings");
      Objects.requireNonNull(labelled, "labelled");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(pool, "pool");
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(version, "version");
      if (sealsK < 1) {
        throw new IllegalArgumentException("--seals-k must be at least 1, not " + sealsK);
      }
    }

    /** The options the manifest records. */
    TreeMap<String, String> options() {
      TreeMap<String, String> o = new TreeMap<>();
      o.put("strategy", settings.strategy().label());
      o.put("beta", Double.toString(settings.beta()));
      o.put("budget", Integer.toString(settings.budget()));
      o.put("pool", pool.label());
      o.put("model", model.name());
      if (pool == PoolMode.SEALS) {
        o.put("seals_k", Integer.toString(sealsK));
        o.put("index", index.label());
      }
      return o;
    }
  }

  /**
   * What was chosen.
   *
   * @param toLabel the written {@code to-label.csv}
   * @param chosen how many samples it lists
   * @param unlabelled the unlabelled samples of the pool
   * @param candidatesScored how many of them were scored
   * @param selectSeconds the time from the trained model to the chosen rows
   */
  public record Report(
      Path toLabel, int chosen, int unlabelled, int candidatesScored, double selectSeconds) {}

  /**
   * Runs a request.
   *
   * @throws OptionException when the budget exceeds the unlabelled pool
   * @throws org.winnow.datasets.DatasetException when an input cannot be read, is invalid, or the
   *     output is refused (an input, or held by another run)
   * @throws IllegalArgumentException when the output exists without {@code --overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Report run(Request request) throws IOException {
    Path out = request.out().toAbsolutePath().normalize();
    OutputGuard.checkFresh(
        out, List.of(request.embeddings(), request.labelled()), request.overwrite(), OUTPUT);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(request, out);
    }
  }

  private static Report runClaimed(Request request, Path out) throws IOException {
    EmbeddingSource source = EmbeddingSource.of(request.embeddings());
    EmbeddingSet data = source.read();
    LabelledList labelled = LabelledList.read(request.labelled(), data);
    int unlabelled = data.size() - labelled.rows().length;
    if (request.settings().budget() > unlabelled) {
      throw new OptionException(
          "--budget "
              + request.settings().budget()
              + " is larger than the "
              + unlabelled
              + " unlabelled samples of "
              + request.embeddings());
    }
    double[][] unit = NearestNeighbours.unitRows(data.vectors());
    ProbabilityModel model = request.model().fit(data, unit, labelled.rows(), labelled.labels());
    long start = System.nanoTime();
    SealsPool seals =
        request.pool() == PoolMode.SEALS
            ? new SealsPool(
                request.index().build(unit, request.settings().seed()),
                data.size(),
                request.sealsK())
            : null;
    Acquisition.Batch batch =
        Acquisition.round(
            unit,
            seals,
            labelled.rows(),
            labelled.rows(),
            model,
            new PoolDensity(unit),
            request.settings());
    double seconds = (System.nanoTime() - start) / 1e9;

    Manifest manifest =
        new Manifest(
            TOOL,
            request.version(),
            request.options(),
            request.settings().strategy() == Strategy.RANDOM || request.index() == IndexKind.LSH
                ? OptionalLong.of(request.settings().seed())
                : OptionalLong.empty(),
            List.of(
                source.manifestInput("embeddings", data),
                new Manifest.Input(
                    "labelled",
                    request.labelled().toAbsolutePath().normalize().toString(),
                    Sha256.of(request.labelled()),
                    Optional.empty(),
                    Optional.empty())));
    Path temp = AtomicFiles.tempSibling(out);
    try {
      Files.createDirectories(temp);
      WriteFailures.write(
          temp.resolve("to-label.csv"),
          out.resolve("to-label.csv"),
          f -> writeToLabel(f, data, batch));
      String json = manifest.toJson();
      WriteFailures.write(
          temp.resolve("manifest.json"),
          out.resolve("manifest.json"),
          f -> Files.writeString(f, json, StandardCharsets.UTF_8));
      AtomicFiles.replaceFolder(temp, out);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    return new Report(
        out.resolve("to-label.csv"),
        batch.rows().length,
        unlabelled,
        batch.candidatesScored(),
        seconds);
  }

  private static void writeToLabel(Path file, EmbeddingSet data, Acquisition.Batch batch)
      throws IOException {
    boolean paths = batch.rows().length > 0 && KeepList.imageFile(data, 0).isPresent();
    List<String> header = new ArrayList<>(List.of("id", "score", "rank"));
    if (paths) {
      header.add("path");
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, KeepList.FORMAT)) {
      csv.printRecord(header);
      for (int i = 0; i < batch.rows().length; i++) {
        int row = batch.rows()[i];
        List<Object> cells = new ArrayList<>();
        cells.add(data.ids().get(row));
        cells.add(String.format(Locale.ROOT, "%.9f", batch.scores()[i]));
        cells.add(i + 1);
        if (paths) {
          cells.add(KeepList.imageFile(data, row).orElseThrow());
        }
        csv.printRecord(cells);
      }
    }
  }
}
