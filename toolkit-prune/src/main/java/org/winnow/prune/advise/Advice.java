package org.winnow.prune.advise;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.active.Split;
import org.winnow.prune.plot.CurveCsv;
import org.winnow.prune.plot.CurvePlot;
import org.winnow.prune.plot.CurvePoint;
import org.winnow.prune.plot.Markup;

/**
 * The front door of {@code winnow advise}: linear-probe curves ({@link ProbeTrials}) on the
 * training embeddings, the recommended fraction ({@link Recommendation}) and, given a {@code winnow
 * curve} folder, the fraction its retrained networks support under the same overall rule. Writes
 * {@code advice.json}, {@code probe.png}/{@code probe.svg} and {@code advice.html} (the report
 * section), under a temporary name renamed into place.
 */
public final class Advice {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow advise";

  /** What {@code --overwrite} may replace. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("advice", "advice.json");

  private Advice() {}

  /**
   * What to estimate.
   *
   * @param embeddings the training embeddings
   * @param testEmbeddings the test split's embeddings by the same model; empty to hold out {@code
   *     holdout} of each class of the training embeddings instead, a new draw per trial
   * @param holdout the share held out per class without test embeddings, in (0, 1)
   * @param fractions the fractions, each in (0, 1]; 1 is added when missing
   * @param trials trials, at least 1
   * @param tolerance accuracy points (as a fraction: 0.01 is 1 point) the overall accuracy may lose
   * @param classTolerance what each class's accuracy may lose
   * @param curve a {@code winnow curve} output folder to compare with
   * @param seed the seed of the random subsets and the held-out draws
   * @param out the output folder
   * @param overwrite whether an existing output folder may be replaced
   * @param version the Winnow version
   */
  public record Request(
      Path embeddings,
      Optional<Path> testEmbeddings,
      double holdout,
      List<Double> fractions,
      int trials,
      double tolerance,
      double classTolerance,
      Optional<Path> curve,
      long seed,
      Path out,
      boolean overwrite,
      String version) {

    /** Validates the request; each message names its option. */
    public Request {
      Objects.requireNonNull(embeddings, "embeddings");
      Objects.requireNonNull(testEmbeddings, "testEmbeddings");
      Objects.requireNonNull(curve, "curve");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(version, "version");
      if (!(holdout > 0 && holdout < 1)) {
        throw new IllegalArgumentException("--holdout must be in (0, 1), got " + holdout);
      }
      List<Double> all =
          new ArrayList<>(KeepFractions.checkAll("--fractions", "--fractions", fractions));
      if (!all.contains(1.0)) {
        all.add(1.0);
      }
      all.sort(Comparator.reverseOrder());
      fractions = List.copyOf(all);
      if (trials < 1) {
        throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
      }
      if (!(tolerance >= 0 && tolerance < 1)) {
        throw new IllegalArgumentException(
            "--tolerance must be in [0, 1) (a fraction: 0.01 is 1 point), got " + tolerance);
      }
      if (!(classTolerance >= 0 && classTolerance < 1)) {
        throw new IllegalArgumentException(
            "--class-tolerance must be in [0, 1) (a fraction: 0.03 is 3 points), got "
                + classTolerance);
      }
    }
  }

  /**
   * What was found.
   *
   * @param out the output folder
   * @param points the probe's points
   * @param methods each method's recommendation
   * @param chosen the recommendation: the smaller fraction of the two, the more accurate on a tie
   * @param text the recommendation in one sentence
   */
  public record Report(
      Path out,
      List<ProbePoint> points,
      List<Recommendation> methods,
      Recommendation chosen,
      String text) {}

  /**
   * A test set that the caller computed rather than a file names: the held-out split of a dataset,
   * embedded by the model the training embeddings record.
   *
   * @param set its embeddings
   * @param description where it came from, for {@code advice.json}'s rule and the report
   * @param inputs what the manifest records for it (the dataset, the model)
   * @param folders folders the output may not touch (the dataset's)
   */
  public record TestSet(
      EmbeddingSet set, String description, List<Manifest.Input> inputs, List<Path> folders) {

    /** Copies the lists. */
    public TestSet {
      Objects.requireNonNull(set, "set");
      Objects.requireNonNull(description, "description");
      inputs = List.copyOf(inputs);
      folders = List.copyOf(folders);
    }
  }

  /**
   * Runs a request.
   *
   * @throws DatasetException with one line naming the file when an input cannot be read, the test
   *     embeddings' classes or dimension differ, or a class is too small to hold samples out
   * @throws IllegalArgumentException when the output exists without {@code overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Report run(Request request, Progress progress) throws IOException {
    return run(request, Optional.empty(), progress);
  }

  /**
   * Refuses an output that exists without {@code overwrite} or touches an input, before anything
   * slow: a caller that computes a {@link TestSet} checks here first.
   *
   * @param folders further folders the output may not touch
   * @return the output folder, absolute
   */
  public static Path checkOutput(Request request, List<Path> folders) {
    Path out = request.out().toAbsolutePath().normalize();
    List<Path> inputs = new ArrayList<>(List.of(request.embeddings()));
    request.testEmbeddings().ifPresent(inputs::add);
    request.curve().ifPresent(inputs::add);
    inputs.addAll(folders);
    OutputGuard.checkFresh(out, inputs, request.overwrite(), OUTPUT);
    return out;
  }

  /**
   * Runs a request with a test set computed by the caller instead of the request's {@code
   * testEmbeddings} (which must then be empty).
   *
   * @throws DatasetException as {@link #run(Request, Progress)}
   * @throws IllegalArgumentException also when both test sets are given
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Report run(Request request, Optional<TestSet> given, Progress progress)
      throws IOException {
    if (given.isPresent() && request.testEmbeddings().isPresent()) {
      throw new IllegalArgumentException(
          "give the test set either as a file or computed, not both");
    }
    Path out = checkOutput(request, given.map(TestSet::folders).orElse(List.of()));
    List<CurvePoint> retrained =
        request.curve().map(d -> CurveCsv.read(d.resolve("curve.csv"))).orElse(List.of());
    try (OutputLock claim = OutputLock.acquire(out)) {
      EmbeddingSource source = EmbeddingSource.of(request.embeddings());
      EmbeddingSet train = source.read();
      Optional<EmbeddingSource> testSource = request.testEmbeddings().map(EmbeddingSource::of);
      Optional<EmbeddingSet> test =
          given.isPresent() ? given.map(TestSet::set) : testSource.map(EmbeddingSource::read);
      test.ifPresent(t -> requireCompatible(train, t));
      List<ProbeTrials.Trial> trials = new ArrayList<>();
      for (int t = 0; t < request.trials(); t++) {
        trials.add(
            test.isPresent()
                ? new ProbeTrials.Trial(train, test.get())
                : holdOut(train, request.holdout(), request.seed() + t));
      }
      List<ProbePoint> points =
          ProbeTrials.run(trials, request.fractions(), request.seed(), progress);
      List<Recommendation> methods =
          Recommendation.of(
              points, train.classNames(), request.tolerance(), request.classTolerance());
      Recommendation chosen =
          methods.stream()
              .min(
                  Comparator.comparingDouble(Recommendation::fraction)
                      .thenComparing(Comparator.comparingDouble(Recommendation::at).reversed()))
              .orElseThrow();
      String text = sentence(chosen, request);
      Manifest manifest = manifest(request, source, train, testSource, test, given);
      List<RetrainedComparison> compared =
          RetrainedComparison.of(retrained, methods, request.tolerance());
      JsonObject json =
          json(request, given, points, methods, chosen, text, compared, train, manifest);
      List<CurvePoint> plotted = new ArrayList<>();
      points.forEach(p -> plotted.add(p.toCurvePoint("probe " + p.method())));
      // the probe's two methods only: the plot's legend is one row
      retrained.stream()
          .filter(p -> p.method().equals("semantic") || p.method().equals("random"))
          .forEach(
              p ->
                  plotted.add(
                      new CurvePoint(
                          "retrained " + p.method(),
                          p.fraction(),
                          p.nTrain(),
                          p.mean(),
                          p.std(),
                          p.n())));
      String title = "Linear probe on " + Path.of(train.source()).getFileName();
      Path temp = AtomicFiles.tempSibling(out);
      try {
        Files.createDirectories(temp);
        Files.writeString(
            temp.resolve("advice.json"), JsonFormat.text(json), StandardCharsets.UTF_8);
        CurvePlot.write(plotted, title, temp.resolve("probe.png"), temp.resolve("probe.svg"));
        Files.writeString(
            temp.resolve("advice.html"),
            html(title, text, methods, compared, json, CurvePlot.svg(plotted, title)),
            StandardCharsets.UTF_8);
        AtomicFiles.replaceFolder(temp, out);
      } finally {
        AtomicFiles.deleteTree(temp);
      }
      return new Report(out, points, methods, chosen, text);
    }
  }

  private static void requireCompatible(EmbeddingSet train, EmbeddingSet test) {
    if (!train.classNames().equals(test.classNames())) {
      throw new DatasetException(
          test.source()
              + ": its classes differ from the training embeddings' ("
              + train.source()
              + "); embed the test split of the same dataset");
    }
    if (test.size() == 0 || test.dimension() != train.dimension()) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: %s, the training embeddings (%s) have dimension %d; embed the test split with"
                  + " the same model",
              test.source(),
              test.size() == 0 ? "no samples" : "dimension " + test.dimension(),
              train.source(),
              train.dimension()));
    }
  }

  /**
   * The active-learning simulation's stratified draw ({@link Split#of}): {@code round(share · n_c)}
   * of each class as the test set, the rest the pool.
   *
   * @throws DatasetException naming the first class whose share rounds to none or to all
   */
  static ProbeTrials.Trial holdOut(EmbeddingSet set, double share, long seed) {
    int[][] members = set.members();
    for (int c = 0; c < members.length; c++) {
      long k = Math.round(share * members[c].length);
      if (k < 1 || k >= members[c].length) {
        throw new DatasetException(
            String.format(
                Locale.ROOT,
                "%s: class '%s' has %d sample%s, too few to hold %s out and train on the rest; pass"
                    + " --test-embeddings or another --holdout",
                set.source(),
                set.classNames().get(c),
                members[c].length,
                members[c].length == 1 ? "" : "s",
                KeepFractions.format(share)));
      }
    }
    Split split = Split.of(set, share, seed);
    boolean[] test = new boolean[set.size()];
    for (int row : split.test()) {
      test[row] = true;
    }
    return new ProbeTrials.Trial(subset(set, test, false), subset(set, test, true));
  }

  private static EmbeddingSet subset(EmbeddingSet set, boolean[] mark, boolean want) {
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < set.size(); i++) {
      if (mark[i] == want) {
        ids.add(set.ids().get(i));
        vectors.add(set.vectors()[i]);
        labels.add(set.labels()[i]);
      }
    }
    return new EmbeddingSet(
        set.source(),
        ids,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        set.classNames(),
        vectors.toArray(float[][]::new),
        set.attributes());
  }

  private static String percent(double fraction) {
    return RetrainedComparison.percent(fraction);
  }

  private static String sentence(Recommendation r, Request request) {
    int trials = r.trials();
    return String.format(
        Locale.ROOT,
        "Keep %s (%s): a linear probe on the frozen embeddings stays within %s point%s of the full"
            + " set's %.2f %% overall, and within %s per class, down to %s (%.2f %% ± %.2f over"
            + " %d trial%s)%s.",
        percent(r.fraction()),
        r.method(),
        KeepFractions.format(100 * request.tolerance()),
        request.tolerance() == 0.01 ? "" : "s",
        100 * r.full(),
        KeepFractions.format(100 * request.classTolerance()),
        percent(r.fraction()),
        100 * r.at(),
        100 * r.std(),
        trials,
        trials == 1 ? "" : "s",
        r.reason()
            .map(s -> "; " + s)
            .orElse(
                r.fraction() == request.fractions().getLast()
                    ? ", the smallest fraction tried: a smaller --fractions may go further"
                    : ""));
  }

  private static JsonObject json(
      Request request,
      Optional<TestSet> given,
      List<ProbePoint> points,
      List<Recommendation> methods,
      Recommendation chosen,
      String text,
      List<RetrainedComparison> compared,
      EmbeddingSet train,
      Manifest manifest) {
    JsonObject json = new JsonObject();
    JsonObject rec = new JsonObject();
    rec.addProperty("method", chosen.method());
    rec.add("fraction", JsonFormat.number(chosen.fraction()));
    rec.addProperty("text", text);
    json.add("recommendation", rec);
    JsonObject rule = new JsonObject();
    rule.add("tolerance", JsonFormat.number(request.tolerance()));
    rule.add("class_tolerance", JsonFormat.number(request.classTolerance()));
    rule.addProperty(
        "text",
        "per method, the smallest fraction from which on every larger fraction too the mean"
            + " accuracy is within tolerance of the full set's overall and within class_tolerance"
            + " for every class; then the method with the smaller fraction (the more accurate on a"
            + " tie)");
    rule.addProperty(
        "test",
        given
            .map(TestSet::description)
            .or(() -> request.testEmbeddings().map(p -> p.toAbsolutePath().normalize().toString()))
            .orElse(
                "held out: "
                    + KeepFractions.format(request.holdout())
                    + " of each class of the training embeddings, a new draw per trial"));
    rule.addProperty("trials", request.trials());
    json.add("rule", rule);
    JsonArray perMethod = new JsonArray();
    for (Recommendation r : methods) {
      JsonObject o = new JsonObject();
      o.addProperty("method", r.method());
      o.add("fraction", JsonFormat.number(r.fraction()));
      o.add("full_accuracy", JsonFormat.number(r.full()));
      o.add("accuracy", JsonFormat.number(r.at()));
      o.add("std", JsonFormat.number(r.std()));
      o.addProperty("trials", r.trials());
      o.add("next_refused", JsonFormat.string(r.reason()));
      perMethod.add(o);
    }
    json.add("methods", perMethod);
    JsonArray array = new JsonArray();
    for (ProbePoint p : points) {
      JsonObject o = new JsonObject();
      o.addProperty("method", p.method());
      o.add("fraction", JsonFormat.number(p.fraction()));
      o.addProperty("n_train", p.nTrain());
      o.add("mean", JsonFormat.number(p.mean()));
      o.add("std", JsonFormat.number(p.std()));
      o.addProperty("trials", p.trials());
      JsonArray classes = new JsonArray();
      for (int c = 0; c < train.classNames().size(); c++) {
        JsonObject k = new JsonObject();
        k.addProperty("class_name", train.classNames().get(c));
        k.add("mean", number(p.classMean(c)));
        k.add("std", number(p.classStd(c)));
        classes.add(k);
      }
      o.add("classes", classes);
      array.add(o);
    }
    json.add("points", array);
    if (request.curve().isPresent()) {
      JsonObject curve = new JsonObject();
      curve.addProperty("folder", request.curve().get().toAbsolutePath().normalize().toString());
      JsonArray fractions = new JsonArray();
      for (RetrainedComparison c : compared) {
        JsonObject o = new JsonObject();
        o.addProperty("method", c.method());
        o.add(
            "fraction",
            c.retrained().isPresent()
                ? JsonFormat.number(c.retrained().getAsDouble())
                : JsonNull.INSTANCE);
        o.addProperty("text", c.describe());
        fractions.add(o);
      }
      curve.add("methods", fractions);
      json.add("retrained", curve);
    }
    json.add("manifest", manifest.toJsonObject());
    return json;
  }

  private static com.google.gson.JsonElement number(double x) {
    return Double.isNaN(x) ? JsonNull.INSTANCE : JsonFormat.number(x);
  }

  private static String html(
      String title,
      String text,
      List<Recommendation> methods,
      List<RetrainedComparison> compared,
      JsonObject json,
      String svg) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Markup.escape(title))
        .append("</title></head><body>\n<section id=\"advice\">\n<h2>How much can go</h2>\n<p>")
        .append(Markup.escape(text))
        .append("</p>\n<p>How it was chosen: ")
        .append(Markup.escape(json.getAsJsonObject("rule").get("text").getAsString()))
        .append(". Test set: ")
        .append(Markup.escape(json.getAsJsonObject("rule").get("test").getAsString()))
        .append(".</p>\n<table>\n<tr><th>method</th><th>fraction</th><th>accuracy</th>")
        .append("<th>full</th><th>next smaller fraction refused because</th></tr>\n");
    for (Recommendation r : methods) {
      h.append(
          String.format(
              Locale.ROOT,
              "<tr><td>%s</td><td>%s</td><td>%.2f %% ± %.2f</td><td>%.2f %%</td><td>%s</td></tr>%n",
              Markup.escape(r.method()),
              percent(r.fraction()),
              100 * r.at(),
              100 * r.std(),
              100 * r.full(),
              Markup.escape(r.reason().orElse("(the smallest fraction tried)"))));
    }
    h.append("</table>\n");
    if (json.has("retrained")) {
      h.append("<h3>Against the retrained curve</h3>\n<p>")
          .append(
              Markup.escape(
                  "Under the same overall tolerance, the networks that winnow curve retrained in "
                      + json.getAsJsonObject("retrained").get("folder").getAsString()
                      + " support: "
                      + RetrainedComparison.phrase(compared)
                      + ". The probe's answer is an estimate made in seconds; the retrained one"
                      + " is what a network trained on the subset actually reached."))
          .append("</p>\n");
    }
    h.append(svg).append("\n</section>\n</body></html>\n");
    return h.toString();
  }

  private static Manifest manifest(
      Request request,
      EmbeddingSource source,
      EmbeddingSet train,
      Optional<EmbeddingSource> testSource,
      Optional<EmbeddingSet> test,
      Optional<TestSet> given)
      throws IOException {
    TreeMap<String, String> options = new TreeMap<>();
    options.put(
        "fractions",
        request.fractions().stream().map(KeepFractions::format).collect(Collectors.joining(",")));
    options.put("trials", Integer.toString(request.trials()));
    options.put("tolerance", Double.toString(request.tolerance()));
    options.put("class_tolerance", Double.toString(request.classTolerance()));
    if (test.isEmpty()) {
      options.put("holdout", Double.toString(request.holdout()));
    }
    List<Manifest.Input> inputs = new ArrayList<>();
    inputs.add(source.manifestInput("embeddings", train));
    if (testSource.isPresent()) {
      inputs.add(testSource.get().manifestInput("test_embeddings", test.get()));
    }
    given.ifPresent(g -> inputs.addAll(g.inputs()));
    if (request.curve().isPresent()) {
      Path csv = request.curve().get().resolve("curve.csv");
      inputs.add(
          new Manifest.Input(
              "curve",
              csv.toAbsolutePath().normalize().toString(),
              Sha256.of(csv),
              Optional.empty(),
              Optional.empty()));
    }
    return new Manifest(TOOL, request.version(), options, OptionalLong.of(request.seed()), inputs);
  }
}
