package org.winnow.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import org.winnow.prune.KeepList;
import org.winnow.prune.PrototypeSelector;
import org.winnow.prune.PruneSummary;
import org.winnow.prune.SelectionMethods;

/**
 * Picks what the report shows for prototype pruning (Sorscher, Geirhos, Shekhar, Ganguli and
 * Morcos, <i>Beyond neural scaling laws: beating power law scaling via data pruning</i>, NeurIPS
 * 2022): per class, its easiest samples (nearest a k-means prototype) in a top row and its hardest
 * (farthest from every prototype) in a bottom row. It reads {@code groups.csv} as prototype writes
 * it: {@code dissimilarity} is the sample's difficulty, {@code 1 - cos} to its nearest centroid,
 * and {@code group} its cluster.
 */
final class DifficultyGallery {

  /** Samples per row, at most. */
  static final int PER_ROW = 8;

  private DifficultyGallery() {}

  /**
   * One class's two rows.
   *
   * @param label the class
   * @param easiest the easiest samples, easiest first
   * @param hardest the hardest samples, hardest first; none of them among {@code easiest}
   */
  record Rows(int label, List<KeepList.GroupRow> easiest, List<KeepList.GroupRow> hardest) {}

  /**
   * Whether a prune output is prototype pruning, under its own name or a variant spelling ({@code
   * prototype-easy}, as {@link SelectionMethods#spec(String)} resolves it), so that its gallery
   * shows difficulty rather than redundant groups.
   */
  static boolean shows(PruneSummary s) {
    return SelectionMethods.spec(s.method())
        .map(m -> m.method().equals(PrototypeSelector.METHOD))
        .orElse(false);
  }

  /**
   * Per class label, ascending: up to {@code perRow} easiest and as many hardest samples, by
   * difficulty (ties to dataset order). A class of fewer than {@code 2 * perRow} samples splits
   * them, the easier half (the extra one when odd) on top.
   */
  static TreeMap<Integer, Rows> rows(List<KeepList.GroupRow> groups, int perRow) {
    TreeMap<Integer, List<KeepList.GroupRow>> byLabel = new TreeMap<>();
    for (KeepList.GroupRow r : groups) {
      byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r);
    }
    TreeMap<Integer, Rows> out = new TreeMap<>();
    byLabel.forEach(
        (label, members) -> {
          List<KeepList.GroupRow> sorted = new ArrayList<>(members);
          sorted.sort(Comparator.comparingDouble(KeepList.GroupRow::dissimilarity)); // stable
          int easy = Math.min(perRow, (sorted.size() + 1) / 2);
          int hard = Math.min(perRow, sorted.size() - easy);
          List<KeepList.GroupRow> hardest =
              new ArrayList<>(sorted.subList(sorted.size() - hard, sorted.size()));
          Collections.reverse(hardest);
          out.put(label, new Rows(label, List.copyOf(sorted.subList(0, easy)), hardest));
        });
    return out;
  }
}
