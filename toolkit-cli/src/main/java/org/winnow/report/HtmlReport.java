package org.winnow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.prune.active.RoundRow;
import org.winnow.prune.advise.AdviceFile;
import org.winnow.prune.advise.RetrainedComparison;
import org.winnow.prune.plot.CurveCsv;
import org.winnow.prune.plot.CurvePoint;

/**
 * The front door of {@code winnow report}: reads prune outputs (and a curve table), finds the
 * embeddings and dataset they came from, checks that all of them belong together, and writes one
 * self-contained HTML file (see the package description for what it shows). The file is written
 * under a temporary name and renamed, so it is complete or absent; its manifest is inside it.
 */
public final class HtmlReport {

  /** The tool name in the manifest. */
  public static final String TOOL = "winnow report";

  private HtmlReport() {}

  /**
   * What was written.
   *
   * @param out the HTML file
   * @param sections one per prune output
   * @param groupsShown redundant groups in the galleries
   * @param thumbnails images in the galleries
   * @param curve whether the redundancy curve is in it
   */
  public record Written(Path out, int sections, int groupsShown, int thumbnails, boolean curve) {}

  /**
   * Writes a report.
   *
   * @throws DatasetException with one line naming the file, sample id or hash that is wrong: a
   *     missing or malformed input, a {@code groups.csv} id not in the dataset, or a dataset whose
   *     index hash differs from the embeddings' or the summaries'
   * @throws IllegalArgumentException when {@code out} exists and overwriting was not asked for
   * @throws IOException when the file cannot be written (nothing is left behind)
   */
  public static Written write(ReportRequest request, Progress progress) throws IOException {
    Path out = request.out().toAbsolutePath().normalize();
    if (Files.exists(out) && !request.overwrite()) {
      throw new IllegalArgumentException(out + ": already exists (pass --overwrite to replace it)");
    }
    List<PruneResult> results = new ArrayList<>();
    for (Path folder : request.pruneFolders()) {
      results.add(PruneResult.read(folder));
    }
    checkOutput(request);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return writeClaimed(request, results, out, progress);
    }
  }

  /** A report Winnow wrote: an HTML file that carries its manifest ({@code winnow-manifest}). */
  public static final OutputGuard.Kind OUTPUT =
      new OutputGuard.Kind(
          "report",
          "winnow-manifest",
          file -> {
            try {
              return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                  && Files.readString(file, StandardCharsets.UTF_8)
                      .contains("id=\"winnow-manifest\"");
            } catch (IOException | RuntimeException e) {
              return false;
            }
          });

  /**
   * Refuses a report that would replace one of its inputs (the files of the prune outputs it reads,
   * the embeddings, the curve), lie inside the dataset or the dataset the embeddings record, or
   * replace a file that is not a Winnow report ({@link OutputGuard}). It may lie in a prune folder.
   * The CLI calls it before it opens its log beside the report.
   */
  public static void checkOutput(ReportRequest request) {
    OutputGuard.check(request.out(), inputs(request), request.overwrite(), OUTPUT);
  }

  private static List<Path> inputs(ReportRequest request) {
    List<Path> inputs = new ArrayList<>();
    for (Path folder : request.pruneFolders()) {
      inputs.add(folder.resolve(ReportRequest.SUMMARY));
      inputs.add(folder.resolve(ReportRequest.GROUPS));
      recordedEmbeddings(folder).ifPresent(inputs::add);
    }
    request.embeddings().ifPresent(inputs::add);
    request.data().ifPresent(inputs::add);
    request.curve().ifPresent(inputs::add);
    request.active().ifPresent(a -> inputs.add(a.resolve(ReportRequest.ROUNDS)));
    request.active().ifPresent(a -> inputs.add(a.resolve(ReportRequest.ACTIVE_SVG)));
    request.advise().ifPresent(a -> inputs.add(a.resolve(AdviceFile.JSON)));
    request.advise().ifPresent(a -> inputs.add(a.resolve(AdviceFile.SVG)));
    return OutputGuard.withRecordedDatasets(inputs);
  }

  /**
   * The embeddings a prune folder's summary records, when it can be read (else its reader says so
   * later); only the summary's manifest is read, not the groups.
   */
  private static Optional<Path> recordedEmbeddings(Path folder) {
    try {
      String text = Files.readString(folder.resolve(ReportRequest.SUMMARY), StandardCharsets.UTF_8);
      Manifest m =
          Manifest.fromJsonObject(
              com.google.gson.JsonParser.parseString(text)
                  .getAsJsonObject()
                  .getAsJsonObject("manifest"));
      return m.inputs().stream()
          .filter(i -> i.role().equals("embeddings"))
          .findFirst()
          .map(i -> Path.of(i.path()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Written writeClaimed(
      ReportRequest request, List<PruneResult> results, Path out, Progress progress)
      throws IOException {
    Provenance provenance = Provenance.resolve(results, request.embeddings(), request.data());
    Optional<List<CurvePoint>> curve = request.curve().map(CurveCsv::read);
    Optional<ReportPage.Active> active = Optional.empty();
    if (request.active().isPresent()) {
      Path dir = request.active().get();
      active =
          Optional.of(
              new ReportPage.Active(
                  RoundRow.read(dir.resolve(ReportRequest.ROUNDS)),
                  readSvg(dir.resolve(ReportRequest.ACTIVE_SVG))));
    }
    Optional<ReportPage.Advised> advised = Optional.empty();
    Optional<Path> adviceCurve = Optional.empty();
    if (request.advise().isPresent()) {
      AdviceFile advice = AdviceFile.read(request.advise().get());
      // the report's own curve, else the one advise compared with when it is still there
      adviceCurve =
          request
              .curve()
              .or(
                  () ->
                      advice
                          .curveFolder()
                          .map(f -> f.resolve(ReportRequest.CURVE))
                          .filter(Files::isRegularFile));
      List<CurvePoint> retrained =
          request.curve().isPresent()
              ? curve.orElseThrow()
              : adviceCurve.map(CurveCsv::read).orElse(List.of());
      advised =
          Optional.of(
              new ReportPage.Advised(
                  advice,
                  adviceCurve,
                  RetrainedComparison.of(retrained, advice.methods(), advice.tolerance())));
    }
    Manifest manifest = manifest(request, results, adviceCurve);

    ReportPage page = new ReportPage(request, provenance, manifest, progress);
    String html = page.render(results, curve, active, advised);

    AtomicFiles.writeString(out, html); // names the file when the disk is full
    return new Written(
        out, results.size(), page.groupsShown(), page.thumbnails(), curve.isPresent());
  }

  /** The report's manifest; the summaries' manifests chain to the embeddings and the dataset. */
  private static Manifest manifest(
      ReportRequest request, List<PruneResult> results, Optional<Path> adviceCurve)
      throws IOException {
    TreeMap<String, String> options = new TreeMap<>();
    options.put("groups_per_class", Integer.toString(request.groupsPerClass()));
    options.put("max_members", Integer.toString(request.maxMembers()));
    List<Manifest.Input> inputs = new ArrayList<>();
    for (PruneResult r : results) {
      Path summary = r.folder().resolve(ReportRequest.SUMMARY);
      inputs.add(
          new Manifest.Input(
              "summary",
              summary.toAbsolutePath().normalize().toString(),
              Sha256.of(summary),
              r.embeddingsInput().flatMap(Manifest.Input::indexSha256),
              Optional.of(r.manifestJson())));
      Path groups = r.folder().resolve(ReportRequest.GROUPS);
      inputs.add(input("groups", groups, Optional.empty()));
    }
    if (request.curve().isPresent()) {
      inputs.add(input("curve", request.curve().get(), Optional.empty()));
    }
    if (request.active().isPresent()) {
      Path dir = request.active().get();
      inputs.add(input("active_rounds", dir.resolve(ReportRequest.ROUNDS), Optional.empty()));
      inputs.add(input("active_plot", dir.resolve(ReportRequest.ACTIVE_SVG), Optional.empty()));
    }
    if (request.advise().isPresent()) {
      Path dir = request.advise().get();
      inputs.add(input("advice", dir.resolve(AdviceFile.JSON), Optional.empty()));
      inputs.add(input("advice_plot", dir.resolve(AdviceFile.SVG), Optional.empty()));
      if (request.curve().isEmpty() && adviceCurve.isPresent()) {
        inputs.add(input("advice_curve", adviceCurve.get(), Optional.empty()));
      }
    }
    return new Manifest(TOOL, request.version(), options, OptionalLong.empty(), inputs);
  }

  /** A simulation's plot, which Winnow wrote as one SVG document to inline. */
  private static String readSvg(Path file) throws IOException {
    try {
      String svg = Files.readString(file, StandardCharsets.UTF_8);
      if (!svg.startsWith("<svg")) {
        throw new DatasetException(file + ": not an SVG plot written by winnow active simulate");
      }
      return svg;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    }
  }

  private static Manifest.Input input(String role, Path file, Optional<String> index)
      throws IOException {
    return new Manifest.Input(
        role,
        file.toAbsolutePath().normalize().toString(),
        Sha256.of(file),
        index,
        Optional.empty());
  }
}
