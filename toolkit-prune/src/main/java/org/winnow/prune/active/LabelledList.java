package org.winnow.prune.active;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.prune.CsvRows;

/**
 * The labelled samples of {@code winnow active next}: {@code labelled.csv}, columns {@code
 * id,label} (RFC 4180, UTF-8, one header line; more columns are ignored, so a {@code keep.csv}
 * serves). A label is a class number of the embeddings file or one of its class names.
 *
 * @param rows the row of each labelled sample in the pool's embeddings, in file order
 * @param labels its label, a class number of the embeddings file
 */
public record LabelledList(int[] rows, int[] labels) {

  /**
   * Reads the list and matches it to the pool.
   *
   * @throws DatasetException naming the file and line of a missing column, a repeated id, an id the
   *     pool lacks or a label that names no class; or naming the file when it lists no sample
   */
  public static LabelledList read(Path file, EmbeddingSet pool) {
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < pool.size(); i++) {
      rowOf.put(pool.ids().get(i), i);
    }
    Map<String, Integer> classOf = new HashMap<>();
    for (int c = 0; c < pool.classNames().size(); c++) {
      classOf.putIfAbsent(pool.classNames().get(c), c);
    }
    Map<String, Long> lineOf = new HashMap<>();
    List<int[]> entries =
        CsvRows.read(
            file,
            "labelled list",
            List.of("id", "label"),
            row -> {
              String id = row.text("id");
              Long first = lineOf.putIfAbsent(id, row.line());
              if (first != null) {
                throw row.error(
                    "ids are not unique: '"
                        + id
                        + "' is listed again (first on line "
                        + first
                        + ")");
              }
              Integer r = rowOf.get(id);
              if (r == null) {
                throw row.error("id '" + id + "' is not in the pool " + pool.source());
              }
              String text = row.text("label").strip();
              Integer label = classOf.get(text);
              if (label == null) {
                try {
                  label = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                  label = -1;
                }
              }
              if (label < 0 || label >= pool.classNames().size()) {
                throw row.error(
                    "label '"
                        + text
                        + "' is neither a class number 0 to "
                        + (pool.classNames().size() - 1)
                        + " nor a class name of "
                        + pool.source());
              }
              return new int[] {r, label};
            });
    if (entries.isEmpty()) {
      throw new DatasetException(file + ": lists no labelled sample (a head needs at least one)");
    }
    return new LabelledList(
        entries.stream().mapToInt(e -> e[0]).toArray(),
        entries.stream().mapToInt(e -> e[1]).toArray());
  }
}
