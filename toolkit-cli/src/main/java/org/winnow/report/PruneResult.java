package org.winnow.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepList;
import org.winnow.prune.PruneSummary;
import org.winnow.prune.Selection;

/**
 * One {@code winnow prune} output as read back: its {@code summary.json} (counts and manifest) and
 * its {@code groups.csv}.
 *
 * @param folder the folder holding the two files
 * @param summary the counts, per class and overall
 * @param manifest how the pruning was run, with its embeddings input
 * @param manifestJson the manifest as it stands in the file
 * @param groups every sample's group, in dataset order
 */
record PruneResult(
    Path folder,
    PruneSummary summary,
    Manifest manifest,
    String manifestJson,
    List<KeepList.GroupRow> groups) {

  /** The embeddings input the pruning recorded. */
  Optional<Manifest.Input> embeddingsInput() {
    return manifest.inputs().stream().filter(i -> i.role().equals("embeddings")).findFirst();
  }

  /**
   * Reads {@code summary.json} and {@code groups.csv} of a folder and checks that they agree.
   *
   * @throws DatasetException naming the file when one is missing, malformed, or they disagree
   */
  static PruneResult read(Path folder) {
    Path file = folder.resolve(ReportRequest.SUMMARY);
    JsonObject o;
    try {
      o = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file", e);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      throw new DatasetException(file + ": not JSON (" + e.getMessage() + ")", e);
    }
    PruneSummary summary;
    Manifest manifest;
    try {
      List<PruneSummary.Counts> classes = new ArrayList<>();
      for (JsonElement c : o.getAsJsonArray("classes")) {
        classes.add(counts(c.getAsJsonObject()));
      }
      summary =
          new PruneSummary(
              o.get("method").getAsString(),
              o.get("fraction").getAsDouble(),
              classes,
              counts(o.getAsJsonObject("overall")),
              java.util.Optional.empty(),
              threshold(o),
              diameters(o, classes));
      manifest = Manifest.fromJsonObject(o.getAsJsonObject("manifest"));
    } catch (RuntimeException e) {
      throw new DatasetException(
          file
              + ": not a winnow prune summary ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")",
          e);
    }
    Path groupsFile = folder.resolve(ReportRequest.GROUPS);
    List<KeepList.GroupRow> groups = KeepList.readGroups(groupsFile);
    if (groups.size() != summary.overall().n()) {
      throw new DatasetException(
          groupsFile
              + ": has "
              + groups.size()
              + " samples but "
              + file.getFileName()
              + " beside it counts "
              + summary.overall().n());
    }
    return new PruneResult(folder, summary, manifest, o.get("manifest").toString(), groups);
  }

  /** The {@code group_diameter} of a summary, if it has one (older summaries do not). */
  private static Optional<PruneSummary.Diameters> diameters(
      JsonObject o, List<PruneSummary.Counts> classes) {
    if (!o.has("group_diameter")) {
      return Optional.empty();
    }
    JsonObject d = o.getAsJsonObject("group_diameter");
    TreeMap<Integer, Double> classMax = new TreeMap<>();
    JsonObject perClass = d.getAsJsonObject("class_max");
    for (PruneSummary.Counts c : classes) {
      if (perClass.has(c.className())) {
        classMax.put(c.label(), perClass.get(c.className()).getAsDouble());
      }
    }
    return Optional.of(
        new PruneSummary.Diameters(
            d.get("groups").getAsInt(),
            d.get("median").getAsDouble(),
            d.get("p90").getAsDouble(),
            d.get("max").getAsDouble(),
            classMax));
  }

  /** The {@code epsilon} and {@code epsilon_table} of a threshold method's summary, if any. */
  private static Optional<Selection.Threshold> threshold(JsonObject o) {
    if (!o.has("epsilon")) {
      return Optional.empty();
    }
    TreeMap<Double, Double> table = new TreeMap<>();
    for (JsonElement row : o.getAsJsonArray("epsilon_table")) {
      JsonObject r = row.getAsJsonObject();
      table.put(r.get("epsilon").getAsDouble(), r.get("kept_fraction").getAsDouble());
    }
    return Optional.of(new Selection.Threshold(o.get("epsilon").getAsDouble(), table));
  }

  private static PruneSummary.Counts counts(JsonObject c) {
    TreeMap<Integer, Integer> sizes = new TreeMap<>();
    for (var e : c.getAsJsonObject("group_sizes").entrySet()) {
      sizes.put(Integer.parseInt(e.getKey()), e.getValue().getAsInt());
    }
    JsonElement d = c.get("mean_dissimilarity");
    return new PruneSummary.Counts(
        c.has("label") ? c.get("label").getAsInt() : -1,
        c.has("class_name") ? c.get("class_name").getAsString() : "all",
        c.get("n").getAsInt(),
        c.get("kept").getAsInt(),
        c.get("groups").getAsInt(),
        sizes,
        d == null || d.isJsonNull() ? OptionalDouble.empty() : OptionalDouble.of(d.getAsDouble()));
  }
}
