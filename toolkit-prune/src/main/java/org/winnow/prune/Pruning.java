package org.winnow.prune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.doctor.Check;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;

/**
 * The front door of {@code winnow prune}: reads an embeddings file, runs a {@link Selector} at
 * every requested fraction and writes, per fraction, {@code keep.csv}, {@code groups.csv} ({@link
 * KeepList}) and {@code summary.json} ({@link PruneSummary} with a {@link Manifest}). With several
 * fractions each gets a sub-folder {@code keep-<fraction>}, e.g. {@code keep-0.9}; with several
 * thresholds ({@code semdedup --epsilon}) each gets {@code eps-<epsilon>}, e.g. {@code eps-0.05}.
 *
 * <p>The output folder is built under a hidden temporary name beside it and renamed into place when
 * complete, so it is never seen half-written. An existing output is refused unless {@link
 * Request#overwrite()} is set.
 */
public final class Pruning {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow prune";

  private Pruning() {}

  /**
   * What to prune and where to write it.
   *
   * @param embeddings the embeddings HDF5 file
   * @param selector the method
   * @param fractions keep fractions, each in (0, 1], no repeats; none when the selector selects at
   *     its {@link Selector#thresholds()} instead
   * @param out the output folder
   * @param overwrite whether an existing output folder may be replaced
   * @param version the Winnow version, for the manifest
   * @param embeddingsSha256 the embeddings file's SHA-256 when the caller has just computed it (a
   *     pipeline keys its stages on it); empty to have it computed while the file is read
   */
  public record Request(
      Path embeddings,
      Selector selector,
      List<Double> fractions,
      Path out,
      boolean overwrite,
      String version,
      Optional<String> embeddingsSha256) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(embeddings, "embeddings");
      Objects.requireNonNull(selector, "selector");
      if (selector.thresholds().isEmpty()) {
        fractions =
            KeepFractions.checkAll(KeepFractions.FRACTIONS, KeepFractions.FRACTION, fractions);
      } else if (!fractions.isEmpty()) {
        throw new IllegalArgumentException(
            selector.name()
                + " selects at its thresholds (--epsilon) and takes no keep fractions (--keep):"
                + " give one");
      } else {
        fractions = List.of();
      }
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(embeddingsSha256, "embeddingsSha256");
      if (embeddingsSha256.isPresent() && !embeddingsSha256.get().matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "not a lower-case hex SHA-256: " + embeddingsSha256.get());
      }
    }

    /** A request whose embeddings file is hashed while it is read. */
    public Request(
        Path embeddings,
        Selector selector,
        List<Double> fractions,
        Path out,
        boolean overwrite,
        String version) {
      this(embeddings, selector, fractions, out, overwrite, version, Optional.empty());
    }
  }

  /**
   * What was written.
   *
   * @param out the output folder
   * @param folders the folder of each fraction (the output folder itself for one fraction)
   * @param summaries the summary of each fraction
   * @param timings how long each stage took
   * @param resumedClasses classes restored from an interrupted run of the same request
   */
  public record Report(
      Path out,
      List<Path> folders,
      List<PruneSummary> summaries,
      Timings timings,
      int resumedClasses) {}

  /**
   * Wall-clock seconds of the stages of a run.
   *
   * @param read reading and checking the embeddings file (BLAS is loaded meanwhile)
   * @param select the selection at every fraction: for {@code semantic}, from the embeddings to the
   *     cut, groups and representatives
   * @param write the outputs, from the summaries to the folder renamed into place
   */
  public record Timings(double read, double select, double write) {}

  /**
   * Runs a request.
   *
   * @throws org.winnow.datasets.DatasetException when the embeddings cannot be read or are invalid
   * @throws org.winnow.datasets.DatasetException when the output is, contains or lies inside an
   *     input, {@code --overwrite} would replace a folder Winnow did not write, or another run
   *     holds the output
   * @throws IllegalArgumentException when the output exists, a class is too large to cluster, or
   *     Smile's native BLAS does not load (the message says how to fix it)
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Report run(Request request, Progress progress) throws IOException {
    Path out = request.out().toAbsolutePath().normalize();
    OutputGuard.checkFresh(out, request.embeddings(), request.overwrite(), OUTPUT);
    // The claim on the output covers its work folder too: that is named after it.
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(request, out, progress);
    }
  }

  /**
   * What {@code --overwrite} may replace: a folder holding a {@code summary.json}, at its top (one
   * fraction) or in its {@code keep-*} folders.
   */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("pruning output", "summary.json");

  private static Report runClaimed(Request request, Path out, Progress progress)
      throws IOException {
    long start = System.nanoTime();
    // Every method multiplies matrices through BLAS: load and link it while the file is read. The
    // manifest's hash of the file is computed meanwhile too.
    CompletableFuture<Check> blas = CompletableFuture.supplyAsync(NativeBlas::check);
    EmbeddingSource source = EmbeddingSource.of(request.embeddings());
    CompletableFuture<String> hash =
        request
            .embeddingsSha256()
            .map(CompletableFuture::completedFuture)
            .orElseGet(() -> hashInBackground(source));
    EmbeddingSet data = source.read();
    KeepList.requirePathIds(data);
    Check found = blas.join();
    if (!found.ok()) {
      throw new IllegalArgumentException(found.name() + ": " + found.found() + "; " + found.fix());
    }
    String sha256 = joinHash(hash);
    long read = System.nanoTime();
    // The manifest names everything that shapes the selections, so it is the checkpoint's key.
    Manifest manifest = manifest(request, data, sha256);
    ClassCheckpoint checkpoint =
        ClassCheckpoint.open(workFolder(out), manifest.toJson(), request.fractions().size());
    List<Selection> selections;
    try {
      selections = request.selector().select(data, request.fractions(), progress, checkpoint);
    } catch (RuntimeException | Error e) {
      if (checkpoint.savedClasses() + checkpoint.restoredClasses() == 0) {
        try {
          checkpoint.delete(); // nothing to continue from
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    long selected = System.nanoTime();

    Path temp = AtomicFiles.tempSibling(out);
    List<Path> folders = new ArrayList<>();
    List<PruneSummary> summaries = new ArrayList<>();
    try {
      for (Selection s : selections) {
        String sub =
            selections.size() == 1
                ? ""
                : request.selector().thresholds().isEmpty()
                    ? folderName(s.fraction())
                    : thresholdFolderName(s.threshold().orElseThrow().epsilon());
        Path dir = temp.resolve(sub);
        Files.createDirectories(dir);
        double[] diameters = GroupDiameters.of(data, s);
        PruneSummary summary = PruneSummary.of(data, s, diameters);
        // each write names its file as the user will find it, not the temporary folder: a full
        // disk says only "No space left on device"
        Path shown = out.resolve(sub);
        WriteFailures.write(
            dir.resolve("keep.csv"),
            shown.resolve("keep.csv"),
            f -> KeepList.writeKeep(f, data, s));
        WriteFailures.write(
            dir.resolve("groups.csv"),
            shown.resolve("groups.csv"),
            f -> KeepList.writeGroups(f, data, s, diameters));
        String json = JsonFormat.text(summary.toJson(manifest));
        WriteFailures.write(
            dir.resolve("summary.json"),
            shown.resolve("summary.json"),
            f -> Files.writeString(f, json, StandardCharsets.UTF_8));
        folders.add(out.resolve(sub));
        summaries.add(summary);
      }
      AtomicFiles.replaceFolder(temp, out);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    checkpoint.delete();
    long written = System.nanoTime();
    return new Report(
        out,
        folders,
        summaries,
        new Timings(seconds(start, read), seconds(read, selected), seconds(selected, written)),
        checkpoint.restoredClasses());
  }

  /**
   * Where a run keeps the classes it has finished until its output is in place: the hidden sibling
   * {@code .<out>.partial} of the output folder. A killed run leaves it; the same command then
   * continues from it, and another request replaces it.
   */
  public static Path workFolder(Path out) {
    Path abs = out.toAbsolutePath().normalize();
    return abs.resolveSibling("." + abs.getFileName() + ".partial");
  }

  private static double seconds(long from, long to) {
    return (to - from) / 1e9;
  }

  private static CompletableFuture<String> hashInBackground(EmbeddingSource source) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return source.sha256();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  private static String joinHash(CompletableFuture<String> hash) throws IOException {
    try {
      return hash.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw e;
    }
  }

  /**
   * The sub-folder of a selection at a threshold among several ({@code semdedup --epsilon}): {@code
   * eps-0.05}, since the fraction each kept is an outcome and may repeat.
   */
  public static String thresholdFolderName(double epsilon) {
    return "eps-" + KeepFractions.format(epsilon);
  }

  /** The sub-folder of a fraction: {@code keep-0.9}, {@code keep-1}. */
  public static String folderName(double fraction) {
    return "keep-" + KeepFractions.format(fraction);
  }

  /**
   * The options a run's manifest records: the selector's settings at the fractions ({@link
   * Selector#settings(List)}), its name as {@code method}, and the fractions as {@code keep}. A
   * pipeline that keys a stage on a pruning run uses these.
   */
  public static TreeMap<String, String> options(Selector selector, List<Double> fractions) {
    TreeMap<String, String> options = new TreeMap<>(selector.settings(fractions));
    options.put("method", selector.name());
    if (!fractions.isEmpty()) {
      options.put(
          "keep", fractions.stream().map(KeepFractions::format).collect(Collectors.joining(",")));
    }
    return options;
  }

  private static Manifest manifest(Request request, EmbeddingSet data, String sha256) {
    Path file = request.embeddings();
    return new Manifest(
        TOOL,
        request.version(),
        options(request.selector(), request.fractions()),
        request.selector().randomSeed(),
        List.of(
            new Manifest.Input(
                "embeddings",
                file.toAbsolutePath().normalize().toString(),
                sha256,
                data.attribute(EmbeddingsHeader.INDEX_SHA256),
                data.attribute(EmbeddingsHeader.MANIFEST))));
  }
}
