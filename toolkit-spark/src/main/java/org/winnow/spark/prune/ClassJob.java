package org.winnow.spark.prune;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.prune.Selection;

/**
 * A per-class method as a grouped map: each class goes to one task, which runs the method's
 * selector, the very one {@code winnow prune} runs, on that class alone (the class keeps its label,
 * so its seeds and its k-means pre-split of a class over {@code --max-cluster-size} are those of
 * {@code winnow prune}; Birodkar et al. 2019, section 3.2: classes are pruned independently).
 *
 * <p>Each finished class is written to the work folder as {@code class-<label>.kept} (under a
 * hidden name, then renamed), so a rerun of a killed job skips the classes already done. The work
 * folder must be visible to every executor (a shared filesystem on a cluster).
 */
final class ClassJob {

  private ClassJob() {}

  /**
   * Runs the classes not yet in {@code work} and returns, per selection, the kept rows.
   *
   * @param selections how many selections the selector returns (fractions or thresholds)
   * @return the kept rows of each selection, and how many classes were restored from {@code work}
   */
  static Kept run(
      EmbeddingTable table, Recipe recipe, List<Double> fractions, int selections, Path work)
      throws IOException {
    EmbeddingTable.Catalogue cat = table.catalogue();
    Map<Integer, Path> done = folder(work).finished();
    int[] skip = done.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    String source = cat.source();
    List<String> classNames = cat.classNames();
    String folder = work.toAbsolutePath().toString();
    Dataset<Row> todo =
        table
            .rows()
            .filter(
                (org.apache.spark.api.java.function.FilterFunction<Row>)
                    r -> Arrays.binarySearch(skip, r.getInt(1)) < 0);
    todo.groupByKey((MapFunction<Row, Integer>) r -> r.getInt(1), Encoders.INT())
        .flatMapGroups(
            (FlatMapGroupsFunction<Integer, Row, Integer>)
                (label, rows) ->
                    List.of(
                            selectClass(
                                label,
                                rows,
                                recipe,
                                fractions,
                                source,
                                classNames,
                                Path.of(folder)))
                        .iterator(),
            Encoders.INT())
        .count();
    List<BitSet> kept = new ArrayList<>();
    for (int s = 0; s < selections; s++) {
      kept.add(new BitSet(cat.size()));
    }
    Map<Integer, Path> all = folder(work).finished();
    int[][] members = cat.members();
    for (int c = 0; c < members.length; c++) {
      if (members[c].length > 0 && !all.containsKey(c)) {
        throw new IOException(
            work
                + ": class '"
                + classNames.get(c)
                + "' ran but its result is not here; the work folder beside --out must be on a"
                + " filesystem every executor shares");
      }
    }
    for (Path file : all.values()) {
      read(file, kept);
    }
    return new Kept(kept, done.size());
  }

  /**
   * The kept rows of each selection.
   *
   * @param rows per selection, the kept dataset rows
   * @param restoredClasses classes read from an earlier run's work folder
   */
  record Kept(List<BitSet> rows, int restoredClasses) {}

  /** One class: its rows in dataset order, the selector on them alone, the result saved. */
  private static int selectClass(
      int label,
      Iterator<Row> rows,
      Recipe recipe,
      List<Double> fractions,
      String source,
      List<String> classNames,
      Path work)
      throws IOException {
    WorkFolder done = folder(work);
    done.failIfAsked(label);
    List<Row> list = new ArrayList<>();
    rows.forEachRemaining(list::add);
    list.sort(Comparator.comparingLong(r -> r.getLong(0)));
    int m = list.size();
    long[] global = new long[m];
    List<String> ids = new ArrayList<>(m);
    float[][] vectors = new float[m][];
    for (int i = 0; i < m; i++) {
      Row r = list.get(i);
      global[i] = r.getLong(0);
      ids.add(r.getString(2));
      vectors[i] = Vectors.of(r, 3);
    }
    int[] labels = new int[m];
    Arrays.fill(labels, label);
    EmbeddingSet one = new EmbeddingSet(source, ids, labels, classNames, vectors, new TreeMap<>());
    List<Selection> selected = recipe.selector().select(one, fractions, Progress.NONE);
    StringBuilder text = new StringBuilder();
    for (Selection s : selected) {
      text.append(
              Arrays.stream(s.keptRows())
                  .mapToObj(i -> Long.toString(global[i]))
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    AtomicFiles.writeString(done.file(label), text);
    return label;
  }

  private static WorkFolder folder(Path work) {
    return new WorkFolder(work, "class", ".kept");
  }

  private static void read(Path file, List<BitSet> kept) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.size() != kept.size()) {
        throw new IOException(file + ": holds " + lines.size() + " selections, not " + kept.size());
      }
      for (int s = 0; s < lines.size(); s++) {
        for (String row : lines.get(s).split(",")) {
          if (!row.isEmpty()) {
            kept.get(s).set(Integer.parseInt(row));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
