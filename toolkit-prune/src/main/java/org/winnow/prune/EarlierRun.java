package org.winnow.prune;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/**
 * The output folder of an earlier {@code winnow prune} run, as {@code --against} reads it: its
 * {@code keep.csv}, {@code groups.csv} and {@code summary.json}, whose manifest names the
 * embeddings file(s) the kept samples come from and their SHA-256. Nothing in the folder is ever
 * written.
 *
 * <p>The earlier run may itself be a {@code --against} run (day 1 pruned, day 2 arrivals, day 3
 * arrivals against day 2's output): its kept samples then come from every embeddings file of the
 * chain, which its manifest lists ({@code earlier_embeddings}, then its own {@code embeddings}),
 * and its per-class thresholds carry over.
 *
 * @param folder the folder
 * @param method the method that pruned the first run of the chain
 * @param epsilon its similarity threshold, for a method that selects at one ({@code semdedup})
 * @param embeddings the embeddings files the kept samples come from, in chain order
 * @param carried the per-class thresholds of an earlier {@code --against} run, by label; empty for
 *     a plain prune run
 * @param kept the rows of its {@code keep.csv}, in file order
 * @param groups the rows of its {@code groups.csv}: every sample of the run
 * @param summarySha256 the SHA-256 of its {@code summary.json}, for this run's manifest
 * @param manifestJson its manifest as JSON text, chained into this run's manifest
 */
record EarlierRun(
    Path folder,
    String method,
    OptionalDouble epsilon,
    List<EmbeddingsFile> embeddings,
    List<Double> carried,
    List<KeepList.Entry> kept,
    List<KeepList.GroupRow> groups,
    String summarySha256,
    String manifestJson) {

  /**
   * An embeddings file of the chain as a manifest recorded it.
   *
   * @param path the file
   * @param sha256 its SHA-256 when the run read it
   */
  record EmbeddingsFile(Path path, String sha256) {}

  /** The manifest role of the earlier runs' embeddings in a {@code --against} run's manifest. */
  static final String EARLIER_EMBEDDINGS = "earlier_embeddings";

  /** The method name of an {@code --against} run's own summary. */
  static final String AGAINST = "against";

  /**
   * Reads the folder.
   *
   * @throws DatasetException with one line naming the folder or file when it is not the output of
   *     one earlier selection
   */
  static EarlierRun read(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new DatasetException(
          folder + ": --against needs the output folder of an earlier winnow prune run");
    }
    Path summary = folder.resolve("summary.json");
    if (!Files.isRegularFile(summary)) {
      List<String> subs;
      try (Stream<Path> s = Files.list(folder)) {
        subs =
            s.filter(p -> Files.isRegularFile(p.resolve("summary.json")))
                .map(p -> p.getFileName().toString())
                .sorted()
                .toList();
      }
      throw new DatasetException(
          subs.isEmpty()
              ? folder + ": no summary.json; --against needs the output of a winnow prune run"
              : folder
                  + ": holds several selections ("
                  + String.join(", ", subs)
                  + "); pass one of them to --against, e.g. "
                  + folder.resolve(subs.getFirst()));
    }
    String text = Files.readString(summary, StandardCharsets.UTF_8);
    JsonObject json;
    Manifest manifest;
    String method;
    List<Double> carried = new ArrayList<>();
    try {
      json = JsonParser.parseString(text).getAsJsonObject();
      method = json.get("method").getAsString();
      manifest = Manifest.fromJsonObject(json.getAsJsonObject("manifest"));
      if (AGAINST.equals(method)) {
        method = json.getAsJsonObject("earlier").get("method").getAsString();
        for (JsonElement c : json.getAsJsonArray("classes")) {
          carried.add(c.getAsJsonObject().get("threshold").getAsDouble());
        }
      }
    } catch (RuntimeException e) {
      throw new DatasetException(summary + ": not a winnow prune summary (" + e.getMessage() + ")");
    }
    Manifest.Input own =
        manifest.inputs().stream()
            .filter(i -> i.role().equals("embeddings"))
            .findFirst()
            .orElseThrow(
                () -> new DatasetException(summary + ": its manifest names no embeddings input"));
    List<EmbeddingsFile> files = new ArrayList<>();
    manifest.inputs().stream()
        .filter(i -> i.role().equals(EARLIER_EMBEDDINGS))
        .forEach(i -> files.add(new EmbeddingsFile(Path.of(i.path()), i.sha256())));
    files.add(new EmbeddingsFile(Path.of(own.path()), own.sha256()));
    OptionalDouble epsilon =
        json.has("epsilon")
            ? OptionalDouble.of(json.get("epsilon").getAsDouble())
            : OptionalDouble.empty();
    return new EarlierRun(
        folder,
        method,
        epsilon,
        files,
        carried,
        KeepList.read(folder.resolve("keep.csv")),
        KeepList.readGroups(folder.resolve("groups.csv")),
        Sha256.of(summary),
        manifest.toJson());
  }

  /**
   * The threshold of each class that the earlier run cut at, as {@code 1 - cos} to a kept sample:
   * for {@code semdedup} its ε; for {@code semantic}, per class, the largest dissimilarity at which
   * it removed a sample for its cluster's kept one (0 for a class it removed nothing from, so that
   * only exact duplicates go). Complete linkage's cut height bounds the distance between any two
   * members, which can be up to twice the distance to the kept one; the distance to the kept one is
   * what a new sample is measured by, so this is the earlier run's own rule on the same scale. For
   * an earlier {@code --against} run, the thresholds it used, so that a chain of days cuts at one
   * rule.
   *
   * @throws DatasetException when the method cuts at no threshold (random, saln, prototype)
   */
  double[] thresholds(int classes) {
    double[] t = new double[classes];
    if (!carried.isEmpty()) {
      if (carried.size() != classes) {
        throw new DatasetException(
            folder
                + ": its summary.json has thresholds for "
                + carried.size()
                + " classes, the new embeddings have "
                + classes);
      }
      for (int c = 0; c < classes; c++) {
        t[c] = carried.get(c);
      }
      return t;
    }
    if (epsilon.isPresent()) {
      java.util.Arrays.fill(t, epsilon.getAsDouble());
      return t;
    }
    if (!method.equals(SemanticSelector.METHOD.name())) {
      throw new DatasetException(
          folder
              + ": method '"
              + method
              + "' cuts at no similarity threshold; pass --threshold (the largest 1 - cos at"
              + " which a new sample is redundant with a kept one)");
    }
    for (KeepList.GroupRow g : groups) {
      if (!g.kept() && g.label() >= 0 && g.label() < classes) {
        t[g.label()] = Math.max(t[g.label()], g.dissimilarity());
      }
    }
    return t;
  }
}
