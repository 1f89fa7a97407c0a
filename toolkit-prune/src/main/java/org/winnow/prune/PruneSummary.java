package org.winnow.prune;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.manifest.JsonWriter;

/**
 * What one selection did, per class and overall: the content of {@code summary.json}.
 *
 * @param method the selector's name
 * @param fraction the keep fraction
 * @param classes one summary per class, by label
 * @param overall the whole dataset
 */
public record PruneSummary(String method, double fraction, List<Counts> classes, Counts overall) {

  /** Copies the list. */
  public PruneSummary {
    classes = List.copyOf(classes);
  }

  /**
   * Counts of one class, or of all (label -1).
   *
   * @param label the class's label, -1 for the whole dataset
   * @param className the class name, {@code all} for the whole dataset
   * @param n samples
   * @param kept samples kept
   * @param groups redundant groups (one per kept sample)
   * @param groupSizes how many groups have each size (Birodkar et al. 2019, Figures 4, 7, 10)
   * @param meanDissimilarity over the groups of size 2 or more, the mean of each group's mean
   *     {@code 1 - cos} from its discarded members to the retained sample (Table 1); empty when
   *     there is no such group
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

  /** Summarises a selection of {@code data}. */
  public static PruneSummary of(EmbeddingSet data, Selection s) {
    int[][] members = data.members();
    List<Counts> classes = new ArrayList<>();
    Accumulator all = new Accumulator();
    for (int c = 0; c < members.length; c++) {
      Accumulator acc = new Accumulator();
      // Group numbers are 0..groups-1 within the class: count sizes and dissimilarity sums.
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
          acc.addGroup(size[g], sum[g]);
        }
      }
      classes.add(acc.counts(c, data.classNames().get(c)));
      all.add(acc);
    }
    return new PruneSummary(s.method(), s.fraction(), classes, all.counts(-1, "all"));
  }

  /** Writes this summary, with the manifest, as the value at the writer's position. */
  public JsonWriter writeTo(JsonWriter json, org.winnow.datasets.manifest.Manifest manifest) {
    json.beginObject().name("method").value(method).name("fraction").value(fraction);
    json.name("overall");
    write(json, overall);
    json.name("classes").beginArray();
    for (Counts c : classes) {
      write(json, c);
    }
    json.endArray();
    json.name("manifest");
    manifest.writeTo(json);
    return json.endObject();
  }

  private static void write(JsonWriter json, Counts c) {
    json.beginObject();
    if (c.label() >= 0) {
      json.name("label").value(c.label()).name("class_name").value(c.className());
    }
    json.name("n").value(c.n()).name("kept").value(c.kept()).name("groups").value(c.groups());
    json.name("group_sizes").beginObject();
    c.groupSizes().forEach((size, count) -> json.name(Integer.toString(size)).value(count));
    json.endObject();
    json.name("mean_dissimilarity");
    if (c.meanDissimilarity().isPresent()) {
      json.value(c.meanDissimilarity().getAsDouble());
    } else {
      json.value((String) null);
    }
    json.endObject();
  }

  /** Running totals for one class or for all. */
  private static final class Accumulator {
    int n;
    int kept;
    int groups;
    final TreeMap<Integer, Integer> sizes = new TreeMap<>();
    double redundantSum;
    int redundant;

    void addGroup(int size, double dissimilaritySum) {
      groups++;
      sizes.merge(size, 1, Integer::sum);
      if (size >= 2) {
        // The retained sample contributes 0; average over the discarded members only.
        redundantSum += dissimilaritySum / (size - 1);
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
