package org.winnow.prune;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;

/**
 * What one selection did, per class and overall: the content of {@code summary.json}.
 *
 * <p>For a selection of {@link Selection.Kind#CLUSTER_DIFFICULTY} (prototype) the groups counted
 * are the k-means clusters within each class, the mean dissimilarity is the mean difficulty, and
 * the summary holds the difficulty histogram.
 *
 * @param method the selector's name
 * @param fraction the keep fraction
 * @param classes one summary per class, by label
 * @param overall the whole dataset
 * @param difficulty the histogram of the samples' difficulties, for prototype only
 * @param threshold the similarity threshold and the run's table, for a method that selects at one
 *     ({@code semdedup}); empty otherwise
 * @param diameters the distribution of the group diameters; empty in a summary written before
 *     diameters existed
 */
public record PruneSummary(
    String method,
    double fraction,
    List<Counts> classes,
    Counts overall,
    Optional<DifficultyHistogram> difficulty,
    Optional<Selection.Threshold> threshold,
    Optional<Diameters> diameters) {

  /** Copies the list. */
  public PruneSummary {
    classes = List.copyOf(classes);
    Objects.requireNonNull(difficulty, "difficulty");
    Objects.requireNonNull(threshold, "threshold");
    Objects.requireNonNull(diameters, "diameters");
  }

  /** A summary without diameters. */
  public PruneSummary(
      String method,
      double fraction,
      List<Counts> classes,
      Counts overall,
      Optional<DifficultyHistogram> difficulty,
      Optional<Selection.Threshold> threshold) {
    this(method, fraction, classes, overall, difficulty, threshold, Optional.empty());
  }

  /**
   * The distribution of the diameters of the groups of 2 or more members ({@link GroupDiameters}):
   * the largest {@code 1 - cos} between two members of a group. Its maximum is the floor the whole
   * selection promises: every group's members are within it of each other.
   *
   * @param groups the groups of 2 or more members
   * @param median their median diameter (NumPy's linear interpolation), 0 without such groups
   * @param p90 the 90th percentile
   * @param max the largest diameter
   * @param classMax the largest diameter within each class, by label
   */
  public record Diameters(
      int groups, double median, double p90, double max, SortedMap<Integer, Double> classMax) {

    /** Copies the map. */
    public Diameters {
      classMax = Collections.unmodifiableSortedMap(new TreeMap<>(classMax));
    }

    /** The distribution over the groups of a selection, from each row's group diameter. */
    static Diameters of(EmbeddingSet data, Selection s, double[] diameter) {
      List<Double> values = new ArrayList<>();
      TreeMap<Integer, Double> classMax = new TreeMap<>();
      int[][] members = data.members();
      for (int c = 0; c < members.length; c++) {
        java.util.Map<Integer, Integer> size = new java.util.HashMap<>();
        for (int row : members[c]) {
          size.merge(s.group()[row], 1, Integer::sum);
        }
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        double m = 0;
        for (int row : members[c]) {
          if (size.get(s.group()[row]) >= 2 && seen.add(s.group()[row])) {
            values.add(diameter[row]);
          }
          m = Math.max(m, diameter[row]);
        }
        classMax.put(c, m);
      }
      double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Diameters(
          sorted.length,
          Quantiles.linear(sorted, 0.5),
          Quantiles.linear(sorted, 0.9),
          sorted.length == 0 ? 0 : sorted[sorted.length - 1],
          classMax);
    }

    JsonObject toJson(List<String> classNames) {
      JsonObject json = new JsonObject();
      json.addProperty("groups", groups);
      json.add("median", JsonFormat.number(median));
      json.add("p90", JsonFormat.number(p90));
      json.add("max", JsonFormat.number(max));
      JsonObject perClass = new JsonObject();
      classMax.forEach((c, m) -> perClass.add(classNames.get(c), JsonFormat.number(m)));
      json.add("class_max", perClass);
      return json;
    }
  }

  /** A summary without a difficulty histogram or a threshold: semantic, random, saln. */
  public PruneSummary(String method, double fraction, List<Counts> classes, Counts overall) {
    this(method, fraction, classes, overall, Optional.empty(), Optional.empty());
  }

  /**
   * How many kept and removed samples have each difficulty, in {@link #BINS} equal bins over {@code
   * [0, max]}, the largest difficulty of the set: bin {@code b} holds {@code [b, b + 1) · max /
   * BINS}, the last one {@code max} too. The bins depend on the data only, so that the summaries of
   * several fractions of one run compare bin by bin.
   *
   * @param max the largest difficulty, the bins' upper end
   * @param kept kept samples per bin
   * @param removed removed samples per bin
   */
  public record DifficultyHistogram(double max, int[] kept, int[] removed) {

    /** Bins in every histogram. */
    public static final int BINS = 20;

    /** Checks the bins. */
    public DifficultyHistogram {
      if (kept.length != BINS || removed.length != BINS) {
        throw new IllegalArgumentException("a difficulty histogram has " + BINS + " bins");
      }
    }

    /** The histogram of a selection's difficulties (its dissimilarities). */
    static DifficultyHistogram of(Selection s) {
      double max = 0;
      for (double d : s.dissimilarity()) {
        max = Math.max(max, d);
      }
      int[] kept = new int[BINS];
      int[] removed = new int[BINS];
      for (int i = 0; i < s.size(); i++) {
        int bin = max > 0 ? Math.min(BINS - 1, (int) (s.dissimilarity()[i] / max * BINS)) : 0;
        (s.kept(i) ? kept : removed)[bin]++;
      }
      return new DifficultyHistogram(max, kept, removed);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      json.addProperty("bins", BINS);
      json.add("max", JsonFormat.number(max));
      JsonArray edges = new JsonArray();
      for (int b = 0; b <= BINS; b++) {
        edges.add(JsonFormat.number(max * b / BINS));
      }
      json.add("edges", edges);
      JsonArray k = new JsonArray();
      JsonArray r = new JsonArray();
      for (int b = 0; b < BINS; b++) {
        k.add(kept[b]);
        r.add(removed[b]);
      }
      json.add("kept", k);
      json.add("removed", r);
      return json;
    }
  }

  /**
   * Counts of one class, or of all (label -1).
   *
   * @param label the class's label, -1 for the whole dataset
   * @param className the class name, {@code all} for the whole dataset
   * @param n samples
   * @param kept samples kept
   * @param groups redundant groups (one per kept sample; for prototype, the clusters; for {@code
   *     semdedup} over all samples, a group whose kept sample is of another class counts in each
   *     class it has members in)
   * @param groupSizes how many groups have each size (Birodkar et al. 2019, Figures 4, 7, 10)
   * @param meanDissimilarity over the groups of size 2 or more, the mean of each group's mean
   *     {@code 1 - cos} from its discarded members to the retained sample (Table 1; for prototype,
   *     of its members' difficulties); empty when there is no such group
   */
  public record Counts(
      int label,
      String className,
      int n,
      int kept,
      int groups,
      SortedMap<Integer, Integer> groupSizes,
      OptionalDouble meanDissimilarity) {

    /** Copies the histogram. */
    public Counts {
      groupSizes = Collections.unmodifiableSortedMap(new TreeMap<>(groupSizes));
    }
  }

  /** Summarises a selection of {@code data}, with each row's group diameter. */
  public static PruneSummary of(EmbeddingSet data, Selection s, double[] diameter) {
    int[][] members = data.members();
    boolean difficulty = s.kind() == Selection.Kind.CLUSTER_DIFFICULTY;
    List<Counts> classes = new ArrayList<>();
    Accumulator all = new Accumulator();
    for (int c = 0; c < members.length; c++) {
      Accumulator acc = new Accumulator();
      // Group numbers are 0..groups-1 within the class (prototype's clusters are numbered across
      // classes, so some numbers are unused here): count sizes and dissimilarity sums.
      int groups = 0;
      for (int row : members[c]) {
        groups = Math.max(groups, s.group()[row] + 1);
      }
      int[] size = new int[groups];
      double[] sum = new double[groups];
      for (int row : members[c]) {
        size[s.group()[row]]++;
        sum[s.group()[row]] += s.dissimilarity()[row];
        acc.n++;
        if (s.kept(row)) {
          acc.kept++;
        }
      }
      for (int g = 0; g < groups; g++) {
        if (size[g] > 0) {
          acc.addGroup(size[g], sum[g], difficulty);
        }
      }
      classes.add(acc.counts(c, data.classNames().get(c)));
      all.add(acc);
    }
    return new PruneSummary(
        s.method(),
        s.fraction(),
        classes,
        all.counts(-1, "all"),
        difficulty ? Optional.of(DifficultyHistogram.of(s)) : Optional.empty(),
        s.threshold(),
        Optional.of(Diameters.of(data, s, diameter)));
  }

  /** This summary with the manifest: the content of {@code summary.json} ({@link JsonFormat}). */
  public JsonObject toJson(Manifest manifest) {
    JsonObject json = new JsonObject();
    json.addProperty("method", method);
    json.add("fraction", JsonFormat.number(fraction));
    json.add("overall", toJson(overall));
    threshold.ifPresent(t -> addThreshold(json, t, overall));
    JsonArray array = new JsonArray();
    classes.forEach(c -> array.add(toJson(c)));
    json.add("classes", array);
    difficulty.ifPresent(h -> json.add("difficulty_histogram", h.toJson()));
    diameters.ifPresent(d -> json.add("group_diameter", d.toJson(classNames())));
    json.add("manifest", manifest.toJsonObject());
    return json;
  }

  /**
   * {@code epsilon}, the fraction of all samples kept ({@code kept_fraction}) and the run's {@code
   * epsilon_table}: {@code [{"epsilon": e, "kept_fraction": f}, ...]}, ascending ε.
   */
  private static void addThreshold(JsonObject json, Selection.Threshold t, Counts overall) {
    json.add("epsilon", JsonFormat.number(t.epsilon()));
    json.add("kept_fraction", JsonFormat.number(overall.kept() / (double) overall.n()));
    JsonArray table = new JsonArray();
    t.table()
        .forEach(
            (e, f) -> {
              JsonObject row = new JsonObject();
              row.add("epsilon", JsonFormat.number(e));
              row.add("kept_fraction", JsonFormat.number(f));
              table.add(row);
            });
    json.add("epsilon_table", table);
  }

  private List<String> classNames() {
    return classes.stream().map(Counts::className).toList();
  }

  private static JsonObject toJson(Counts c) {
    JsonObject json = new JsonObject();
    if (c.label() >= 0) {
      json.addProperty("label", c.label());
      json.addProperty("class_name", c.className());
    }
    json.addProperty("n", c.n());
    json.addProperty("kept", c.kept());
    json.addProperty("groups", c.groups());
    JsonObject sizes = new JsonObject();
    c.groupSizes().forEach((size, count) -> sizes.addProperty(Integer.toString(size), count));
    json.add("group_sizes", sizes);
    json.add(
        "mean_dissimilarity",
        c.meanDissimilarity().isPresent()
            ? JsonFormat.number(c.meanDissimilarity().getAsDouble())
            : JsonNull.INSTANCE);
    return json;
  }

  /** Running totals for one class or for all. */
  private static final class Accumulator {
    int n;
    int kept;
    int groups;
    final TreeMap<Integer, Integer> sizes = new TreeMap<>();
    double redundantSum;
    int redundant;

    /**
     * Counts a group: its size and, when it has 2 members or more, the mean dissimilarity of its
     * members, over the discarded ones only (the retained one contributes 0) unless {@code
     * difficulty}, when every member has one.
     */
    void addGroup(int size, double dissimilaritySum, boolean difficulty) {
      groups++;
      sizes.merge(size, 1, Integer::sum);
      if (size >= 2) {
        redundantSum += dissimilaritySum / (difficulty ? size : size - 1);
        redundant++;
      }
    }

    void add(Accumulator o) {
      n += o.n;
      kept += o.kept;
      groups += o.groups;
      o.sizes.forEach((k, v) -> sizes.merge(k, v, Integer::sum));
      redundantSum += o.redundantSum;
      redundant += o.redundant;
    }

    Counts counts(int label, String name) {
      return new Counts(
          label,
          name,
          n,
          kept,
          groups,
          sizes,
          redundant == 0 ? OptionalDouble.empty() : OptionalDouble.of(redundantSum / redundant));
    }
  }
}
