package org.winnow.datasets.embeddings;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.DatasetException;

/**
 * The embedding of every sample of a dataset, in dataset order: what {@code winnow embed} writes
 * and every selector reads. A constructed set is valid: the arrays agree in length, ids are unique,
 * labels name a class, and every vector is finite with a non-zero norm (cosine needs a direction).
 * Arrays are shared, not copied; callers must not modify them.
 *
 * @param source where the set came from (a file path), used to name it in error messages
 * @param ids the sample ids, unique
 * @param labels the class of each sample, an index into {@code classNames}
 * @param classNames the class names, indexed by label
 * @param vectors one row per sample, all of the same dimension
 * @param attributes the file's root attributes as text, sorted by name
 */
public record EmbeddingSet(
    String source,
    List<String> ids,
    int[] labels,
    List<String> classNames,
    float[][] vectors,
    SortedMap<String, String> attributes) {

  /** How many bad rows an error message names before it says "and N more". */
  private static final int NAMED = 5;

  /** The most classes a set without class names may number (its largest label + 1). */
  static final int MAX_NUMBERED_CLASSES = 1 << 20;

  /**
   * Validates the set.
   *
   * @throws DatasetException with one line that names {@code source} and the problem
   */
  public EmbeddingSet {
    Objects.requireNonNull(source, "source");
    ids = List.copyOf(ids);
    Objects.requireNonNull(labels, "labels");
    classNames = List.copyOf(classNames);
    Objects.requireNonNull(vectors, "vectors");
    attributes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(attributes));
    if (ids.size() != vectors.length || labels.length != vectors.length) {
      throw new DatasetException(
          String.format(
              "%s: lengths disagree: %,d embeddings, %,d labels, %,d ids",
              source, vectors.length, labels.length, ids.size()));
    }
    checkIds(source, ids);
    checkLabels(source, labels, classNames.size(), ids);
    checkVectors(source, vectors, ids);
  }

  /** The number of samples. */
  public int size() {
    return vectors.length;
  }

  /** The embedding dimension (0 for an empty set). */
  public int dimension() {
    return vectors.length == 0 ? 0 : vectors[0].length;
  }

  /** For each label, the dataset indices of its samples, in dataset order. */
  public int[][] members() {
    return members(labels, classNames.size());
  }

  /** For each of {@code classes} labels, the indices of its samples in {@code labels}, in order. */
  public static int[][] members(int[] labels, int classes) {
    int[] counts = new int[classes];
    for (int l : labels) {
      counts[l]++;
    }
    int[][] members = new int[counts.length][];
    for (int c = 0; c < counts.length; c++) {
      members[c] = new int[counts[c]];
    }
    int[] fill = new int[counts.length];
    for (int i = 0; i < labels.length; i++) {
      members[labels[i]][fill[labels[i]]++] = i;
    }
    return members;
  }

  /** This set with one more root attribute (e.g. the {@code dataset_path} a test records). */
  public EmbeddingSet withAttribute(String name, String value) {
    java.util.TreeMap<String, String> a = new java.util.TreeMap<>(attributes);
    a.put(name, value);
    return new EmbeddingSet(source, ids, labels, classNames, vectors, a);
  }

  /** A root attribute, if the file has it. */
  public java.util.Optional<String> attribute(String name) {
    return java.util.Optional.ofNullable(attributes.get(name));
  }

  /**
   * The row of each of {@code ids}, in their order: how a caller finds the embeddings of its own
   * samples in a set made elsewhere, matching by id.
   *
   * @param what what the ids are, for the error message ({@code training sample})
   * @throws DatasetException naming the source, how many ids have no row, and the first of them
   */
  public int[] rowsOf(List<String> ids, String what) {
    Map<String, Integer> row = rowIndex(source, this.ids);
    int[] rows = new int[ids.size()];
    List<String> missing = new ArrayList<>();
    int missingCount = 0;
    for (int i = 0; i < ids.size(); i++) {
      Integer r = row.get(ids.get(i));
      if (r == null) {
        if (missingCount++ < NAMED) {
          missing.add(ids.get(i));
        }
      } else {
        rows[i] = r;
      }
    }
    if (missingCount > 0) {
      throw new DatasetException(
          String.format(
              "%s: lacks %,d %s%s: %s%s",
              source,
              missingCount,
              what,
              missingCount == 1 ? "" : "s",
              String.join(", ", missing),
              missingCount > NAMED ? String.format(" and %,d more", missingCount - NAMED) : ""));
    }
    return rows;
  }

  /**
   * The class names of a set that records none: the label numbers {@code "0"} to the largest.
   *
   * @throws DatasetException naming {@code source} when a label is so large that numbering every
   *     class up to it is surely a mistake
   */
  static List<String> numberedClasses(String source, int[] labels) {
    int max = -1;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= MAX_NUMBERED_CLASSES) {
        throw new DatasetException(
            String.format(
                "%s: label %d at row %d is too large to number the classes up to it"
                    + " (the file has no class names)",
                source, labels[i], i));
      }
      max = Math.max(max, labels[i]);
    }
    List<String> names = new ArrayList<>(max + 1);
    for (int c = 0; c <= max; c++) {
      names.add(Integer.toString(c));
    }
    return names;
  }

  /** The ids of a set that records none: the row numbers {@code "0"} to {@code "n-1"}. */
  static List<String> rowNumbers(int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(Integer.toString(i));
    }
    return ids;
  }

  /**
   * Refuses a path that is not a regular file.
   *
   * @throws DatasetException naming {@code file}: {@code no such file} or {@code is not a file}
   */
  static void requireFile(java.nio.file.Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new DatasetException(
          file + (java.nio.file.Files.exists(file) ? ": is not a file" : ": no such file"));
    }
  }

  private static void checkIds(String source, List<String> ids) {
    rowIndex(source, ids);
  }

  /** The row of each id; a repeated id is refused naming both rows. */
  private static Map<String, Integer> rowIndex(String source, List<String> ids) {
    Map<String, Integer> seen = new HashMap<>(ids.size() * 2);
    for (int i = 0; i < ids.size(); i++) {
      Integer before = seen.putIfAbsent(Objects.requireNonNull(ids.get(i), "id"), i);
      if (before != null) {
        throw new DatasetException(
            String.format("%s: duplicate id '%s' (rows %d and %d)", source, ids.get(i), before, i));
      }
    }
    return seen;
  }

  private static void checkLabels(String source, int[] labels, int classes, List<String> ids) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new DatasetException(
            String.format(
                "%s: label %d of '%s' is outside the %d class names",
                source, labels[i], ids.get(i), classes));
      }
    }
  }

  private static void checkVectors(String source, float[][] vectors, List<String> ids) {
    int dim = vectors.length == 0 ? 0 : vectors[0].length;
    if (vectors.length > 0 && dim == 0) {
      throw new DatasetException(source + ": embeddings have dimension 0");
    }
    List<String> bad = new ArrayList<>();
    int badCount = 0;
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      if (v.length != dim) {
        throw new DatasetException(
            String.format(
                "%s: embedding of '%s' has %d values, expected %d",
                source, ids.get(i), v.length, dim));
      }
      String problem = problem(v);
      if (problem != null) {
        if (badCount++ < NAMED) {
          bad.add(ids.get(i) + " (" + problem + ")");
        }
      }
    }
    if (badCount > 0) {
      throw new DatasetException(
          String.format(
              "%s: %,d embedding%s cannot be compared by cosine: %s%s",
              source,
              badCount,
              badCount == 1 ? "" : "s",
              String.join(", ", bad),
              badCount > NAMED ? String.format(" and %,d more", badCount - NAMED) : ""));
    }
  }

  private static String problem(float[] v) {
    double sum = 0;
    for (float x : v) {
      if (Float.isNaN(x)) {
        return "NaN";
      }
      if (Float.isInfinite(x)) {
        return "Inf";
      }
      sum += (double) x * x;
    }
    return sum == 0 ? "zero norm" : null;
  }
}
