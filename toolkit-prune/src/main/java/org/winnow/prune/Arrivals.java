package org.winnow.prune;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;

/**
 * The front door of {@code winnow prune --against}: deduplicates new samples against an earlier
 * pruning run and among themselves ({@link ArrivalDedup}), class by class, and writes the updated
 * keep-list. The earlier folder is only read; its embeddings are found through its manifest and
 * refused when missing or changed since.
 *
 * <p>Output, built under a temporary name and renamed into place like {@link Pruning}'s:
 *
 * <ul>
 *   <li>{@code keep.csv}: the earlier run's kept rows, unchanged and first, then the new kept
 *       samples in dataset order;
 *   <li>{@code groups.csv}: the new samples only, with {@link KeepList}'s columns plus {@code
 *       redundant_with} ({@code earlier}, {@code arrivals}, or empty when kept); groups are
 *       numbered within the class, the earlier kept samples first in {@code keep.csv} order;
 *   <li>{@code summary.json}: {@link ArrivalsSummary} with a {@link Manifest} naming the new
 *       embeddings, the earlier summary (its manifest chained) and every earlier embeddings file,
 *       so that this output can in turn be the earlier run of the next day's arrivals.
 * </ul>
 */
public final class Arrivals {

  private Arrivals() {}

  /**
   * What to deduplicate.
   *
   * @param against the earlier run's output folder (one selection)
   * @param embeddings the new samples' embeddings
   * @param threshold the largest {@code 1 - cos} at which a new sample is redundant, in [0, 2];
   *     empty for the earlier run's own ({@link EarlierRun#thresholds})
   * @param out the output folder
   * @param overwrite whether an existing output folder may be replaced
   * @param version the Winnow version, for the manifest
   */
  public record Request(
      Path against,
      Path embeddings,
      OptionalDouble threshold,
      Path out,
      boolean overwrite,
      String version) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(against, "against");
      Objects.requireNonNull(embeddings, "embeddings");
      Objects.requireNonNull(threshold, "threshold");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(version, "version");
      if (threshold.isPresent()
          && !(threshold.getAsDouble() >= 0 && threshold.getAsDouble() <= 2)) {
        throw new IllegalArgumentException(
            "--threshold must be a 1 - cos in [0, 2], not " + threshold.getAsDouble());
      }
    }
  }

  /**
   * What was written.
   *
   * @param out the output folder
   * @param summary the counts
   * @param timings how long each stage took ({@code select}: the dedup)
   */
  public record Report(Path out, ArrivalsSummary summary, Pruning.Timings timings) {}

  /**
   * Runs a request.
   *
   * @throws DatasetException with one line when the earlier folder is not one selection, its
   *     embeddings are missing or changed, the new embeddings' classes or dimension differ, or a
   *     new id is an id of the earlier run
   * @throws IllegalArgumentException when the output exists without {@code overwrite}
   * @throws IOException when reading or writing fails (nothing is left behind)
   */
  public static Report run(Request request, Progress progress) throws IOException {
    long start = System.nanoTime();
    Path out = request.out().toAbsolutePath().normalize();
    EarlierRun earlier = EarlierRun.read(request.against());
    List<Path> inputs = new ArrayList<>(List.of(request.embeddings(), request.against()));
    earlier.embeddings().forEach(f -> inputs.add(f.path()));
    OutputGuard.checkFresh(out, inputs, request.overwrite(), Pruning.OUTPUT);
    try (OutputLock claim = OutputLock.acquire(out)) {
      EmbeddingSet old = readEarlierEmbeddings(earlier);
      EmbeddingSource source = EmbeddingSource.of(request.embeddings());
      EmbeddingSet data = source.read();
      Manifest.Input embeddingsInput = source.manifestInput("embeddings", data);
      requireCompatible(earlier, old, data);
      double[] thresholds =
          request.threshold().isPresent()
              ? filled(data.classNames().size(), request.threshold().getAsDouble())
              : earlier.thresholds(data.classNames().size());
      long read = System.nanoTime();

      int[] keptRows =
          old.rowsOf(earlier.kept().stream().map(KeepList.Entry::id).toList(), "kept sample");
      int[][] members = data.members();
      int[][] earlierKept = byClass(old, keptRows, members.length);
      ArrivalDedup.Decisions[] decisions = new ArrivalDedup.Decisions[members.length];
      progress.start("arrivals", data.size());
      for (int c = 0; c < members.length; c++) {
        decisions[c] =
            ArrivalDedup.decide(
                Cosine.unitRows(data.vectors(), members[c]),
                Cosine.unitRows(old.vectors(), earlierKept[c]),
                thresholds[c]);
        progress.advance(members[c].length);
      }
      progress.finish();
      long selected = System.nanoTime();

      ArrivalsSummary summary =
          summarize(
              earlier, request.threshold().isPresent(), data, thresholds, earlierKept, decisions);
      Manifest manifest = manifest(request, earlier, embeddingsInput);
      Path temp = AtomicFiles.tempSibling(out);
      try {
        Files.createDirectories(temp);
        WriteFailures.write(
            temp.resolve("keep.csv"),
            out.resolve("keep.csv"),
            f -> writeKeep(f, earlier, data, members, decisions));
        WriteFailures.write(
            temp.resolve("groups.csv"),
            out.resolve("groups.csv"),
            f -> writeGroups(f, old, data, members, earlierKept, decisions));
        String json = JsonFormat.text(summary.toJson(manifest));
        WriteFailures.write(
            temp.resolve("summary.json"),
            out.resolve("summary.json"),
            f -> Files.writeString(f, json, StandardCharsets.UTF_8));
        AtomicFiles.replaceFolder(temp, out);
      } finally {
        AtomicFiles.deleteTree(temp);
      }
      long written = System.nanoTime();
      return new Report(
          out,
          summary,
          new Pruning.Timings(
              (read - start) / 1e9, (selected - read) / 1e9, (written - selected) / 1e9));
    }
  }

  /**
   * The embeddings the earlier run's kept samples come from: one file, or for a chain of {@code
   * --against} runs every file of the chain, read in order into one set.
   */
  private static EmbeddingSet readEarlierEmbeddings(EarlierRun earlier) throws IOException {
    List<EmbeddingSet> sets = new ArrayList<>();
    for (EarlierRun.EmbeddingsFile f : earlier.embeddings()) {
      Path file = f.path();
      String where = earlier.folder().resolve("summary.json") + " records the embeddings " + file;
      if (!Files.isRegularFile(file)) {
        throw new DatasetException(
            where + ", which is missing; --against needs the earlier run's kept embeddings");
      }
      EmbeddingSource source = EmbeddingSource.of(file);
      if (!source.sha256().equals(f.sha256())) {
        throw new DatasetException(
            where
                + ", which has changed since (its SHA-256 differs); --against needs the embeddings"
                + " the earlier run pruned");
      }
      EmbeddingSet set = source.read();
      if (!sets.isEmpty()) {
        requireSameSpace(sets.getFirst(), set);
      }
      sets.add(set);
    }
    return sets.size() == 1 ? sets.getFirst() : concat(sets);
  }

  /** The rows of several sets of the same classes and dimension, one after the other. */
  private static EmbeddingSet concat(List<EmbeddingSet> sets) {
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (EmbeddingSet s : sets) {
      ids.addAll(s.ids());
      vectors.addAll(List.of(s.vectors()));
      for (int label : s.labels()) {
        labels.add(label);
      }
    }
    EmbeddingSet first = sets.getFirst();
    return new EmbeddingSet(
        String.join(" + ", sets.stream().map(EmbeddingSet::source).toList()),
        ids,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        first.classNames(),
        vectors.toArray(float[][]::new),
        first.attributes());
  }

  private static void requireCompatible(EarlierRun earlier, EmbeddingSet old, EmbeddingSet data) {
    requireSameSpace(old, data);
    Set<String> earlierIds = new HashSet<>(old.ids());
    earlier.groups().forEach(g -> earlierIds.add(g.id()));
    List<String> clash = data.ids().stream().filter(earlierIds::contains).toList();
    if (!clash.isEmpty()) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: %,d id%s already in the earlier run (%s): %s%s; new samples need new ids",
              data.source(),
              clash.size(),
              clash.size() == 1 ? " is" : "s are",
              earlier.folder(),
              String.join(", ", clash.subList(0, Math.min(5, clash.size()))),
              clash.size() > 5
                  ? String.format(Locale.ROOT, " and %,d more", clash.size() - 5)
                  : ""));
    }
  }

  /** Refuses embeddings whose classes or dimension differ from {@code old}'s. */
  private static void requireSameSpace(EmbeddingSet old, EmbeddingSet data) {
    if (!old.classNames().equals(data.classNames())) {
      int c = 0;
      while (c < Math.min(old.classNames().size(), data.classNames().size())
          && old.classNames().get(c).equals(data.classNames().get(c))) {
        c++;
      }
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: its classes differ from the earlier run's (%s): %s",
              data.source(),
              old.source(),
              c < Math.min(old.classNames().size(), data.classNames().size())
                  ? String.format(
                      Locale.ROOT,
                      "label %d is '%s' here, '%s' there",
                      c,
                      data.classNames().get(c),
                      old.classNames().get(c))
                  : String.format(
                      Locale.ROOT,
                      "%d classes here, %d there",
                      data.classNames().size(),
                      old.classNames().size())));
    }
    if (data.size() > 0 && old.size() > 0 && data.dimension() != old.dimension()) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: embeddings of dimension %d, the earlier run's (%s) %d: made by another model?",
              data.source(),
              data.dimension(),
              old.source(),
              old.dimension()));
    }
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  /** The rows among {@code rows} of each class, in their order. */
  private static int[][] byClass(EmbeddingSet set, int[] rows, int classes) {
    List<List<Integer>> lists = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      lists.add(new ArrayList<>());
    }
    for (int r : rows) {
      lists.get(set.labels()[r]).add(r);
    }
    return lists.stream()
        .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
        .toArray(int[][]::new);
  }

  private static ArrivalsSummary summarize(
      EarlierRun earlier,
      boolean given,
      EmbeddingSet data,
      double[] thresholds,
      int[][] earlierKept,
      ArrivalDedup.Decisions[] decisions) {
    List<ArrivalsSummary.Counts> classes = new ArrayList<>();
    ArrivalsSummary.Counts all = ArrivalsSummary.Counts.none();
    for (int c = 0; c < decisions.length; c++) {
      ArrivalDedup.Decisions d = decisions[c];
      int kept = d.count(ArrivalDedup.Fate.KEPT);
      ArrivalsSummary.Counts counts =
          new ArrivalsSummary.Counts(
              c,
              data.classNames().get(c),
              thresholds[c],
              d.fate().length,
              kept,
              d.count(ArrivalDedup.Fate.EARLIER),
              d.count(ArrivalDedup.Fate.ARRIVAL),
              earlierKept[c].length + kept);
      classes.add(counts);
      all = all.plus(counts);
    }
    String from =
        given
            ? "--threshold"
            : !earlier.carried().isEmpty()
                ? "earlier --against run"
                : earlier.epsilon().isPresent() ? "epsilon" : "groups.csv";
    return new ArrivalsSummary(
        earlier.folder().toAbsolutePath().normalize().toString(),
        earlier.method(),
        from,
        classes,
        all);
  }

  private static void writeKeep(
      Path file,
      EarlierRun earlier,
      EmbeddingSet data,
      int[][] members,
      ArrivalDedup.Decisions[] decisions)
      throws IOException {
    boolean paths = earlier.kept().stream().anyMatch(e -> e.path().isPresent());
    boolean[] kept = new boolean[data.size()];
    for (int c = 0; c < members.length; c++) {
      for (int i = 0; i < members[c].length; i++) {
        kept[members[c][i]] = decisions[c].fate()[i] == ArrivalDedup.Fate.KEPT;
      }
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, KeepList.FORMAT)) {
      List<String> header = new ArrayList<>(List.of("id", "label", "class_name"));
      if (paths) {
        header.add("path");
      }
      csv.printRecord(header);
      for (KeepList.Entry e : earlier.kept()) {
        List<Object> row = new ArrayList<>(List.of(e.id(), e.label(), e.className()));
        if (paths) {
          row.add(e.path().orElse(""));
        }
        csv.printRecord(row);
      }
      for (int i = 0; i < data.size(); i++) {
        if (kept[i]) {
          int label = data.labels()[i];
          List<Object> row =
              new ArrayList<>(List.of(data.ids().get(i), label, data.classNames().get(label)));
          if (paths) {
            row.add(KeepList.imageFile(data, i).map(Path::toString).orElse(""));
          }
          csv.printRecord(row);
        }
      }
    }
  }

  private static void writeGroups(
      Path file,
      EmbeddingSet old,
      EmbeddingSet data,
      int[][] members,
      int[][] earlierKept,
      ArrivalDedup.Decisions[] decisions)
      throws IOException {
    // each new sample's group, representative id, dissimilarity and reason, by dataset row
    int n = data.size();
    int[] group = new int[n];
    String[] representative = new String[n];
    double[] dissimilarity = new double[n];
    String[] reason = new String[n];
    for (int c = 0; c < members.length; c++) {
      ArrivalDedup.Decisions d = decisions[c];
      int[] rows = members[c];
      int next = earlierKept[c].length;
      int[] groupOfPosition = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        if (d.fate()[i] == ArrivalDedup.Fate.KEPT) {
          groupOfPosition[i] = next++;
        }
      }
      for (int i = 0; i < rows.length; i++) {
        int row = rows[i];
        dissimilarity[row] = d.dissimilarity()[i];
        switch (d.fate()[i]) {
          case KEPT -> {
            group[row] = groupOfPosition[i];
            representative[row] = data.ids().get(row);
            reason[row] = "";
          }
          case EARLIER -> {
            // an earlier kept sample's group is its position among its class's kept samples
            group[row] = d.match()[i];
            representative[row] = old.ids().get(earlierKept[c][d.match()[i]]);
            reason[row] = "earlier";
          }
          case ARRIVAL -> {
            group[row] = groupOfPosition[d.match()[i]];
            representative[row] = data.ids().get(rows[d.match()[i]]);
            reason[row] = "arrivals";
          }
        }
      }
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, KeepList.FORMAT)) {
      csv.printRecord(
          "id", "label", "group", "representative_id", "dissimilarity", "kept", "redundant_with");
      for (int i = 0; i < n; i++) {
        csv.printRecord(
            data.ids().get(i),
            data.labels()[i],
            group[i],
            representative[i],
            String.format(Locale.ROOT, "%.9f", dissimilarity[i]),
            reason[i].isEmpty(),
            reason[i]);
      }
    }
  }

  private static Manifest manifest(Request request, EarlierRun earlier, Manifest.Input embeddings) {
    TreeMap<String, String> options = new TreeMap<>();
    options.put("against", request.against().toAbsolutePath().normalize().toString());
    options.put(
        "threshold",
        request.threshold().isPresent()
            ? Double.toString(request.threshold().getAsDouble())
            : "earlier run's");
    List<Manifest.Input> inputs = new ArrayList<>();
    inputs.add(embeddings);
    inputs.add(
        new Manifest.Input(
            "earlier_summary",
            earlier.folder().resolve("summary.json").toAbsolutePath().normalize().toString(),
            earlier.summarySha256(),
            Optional.empty(),
            Optional.of(earlier.manifestJson())));
    // every file the kept samples come from, so that this output can be the next --against's
    for (EarlierRun.EmbeddingsFile f : earlier.embeddings()) {
      inputs.add(
          new Manifest.Input(
              EarlierRun.EARLIER_EMBEDDINGS,
              f.path().toString(),
              f.sha256(),
              Optional.empty(),
              Optional.empty()));
    }
    return new Manifest(Pruning.TOOL, request.version(), options, OptionalLong.empty(), inputs);
  }
}
