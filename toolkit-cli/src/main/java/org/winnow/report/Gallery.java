package org.winnow.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.winnow.prune.KeepList;

/**
 * Picks the redundant groups the report shows: per class, the largest groups of two or more samples
 * (ties to the lower group number), each with its retained sample first and the discarded ones from
 * the most to the least similar to it, as in Birodkar et al. (2019), Figures 1, 3 and 11.
 */
final class Gallery {

  private Gallery() {}

  /**
   * One group as shown.
   *
   * @param label the class
   * @param group the group number within the class
   * @param members every member, the retained one first
   * @param meanDissimilarity the mean {@code 1 - cos} of the discarded members to the retained one
   */
  record Group(int label, int group, List<KeepList.GroupRow> members, double meanDissimilarity) {

    int size() {
      return members.size();
    }

    KeepList.GroupRow retained() {
      return members.getFirst();
    }
  }

  /** Per class label, ascending: its {@code perClass} largest redundant groups. */
  static TreeMap<Integer, List<Group>> largest(List<KeepList.GroupRow> rows, int perClass) {
    // A group is its representative's: semdedup's may hold samples of other classes, shown under
    // the representative's class.
    Map<String, List<KeepList.GroupRow>> byGroup = new LinkedHashMap<>();
    for (KeepList.GroupRow r : rows) {
      byGroup.computeIfAbsent(r.representativeId(), k -> new ArrayList<>()).add(r);
    }
    TreeMap<Integer, List<Group>> out = new TreeMap<>();
    for (List<KeepList.GroupRow> members : byGroup.values()) {
      if (members.size() < 2) {
        continue;
      }
      List<KeepList.GroupRow> sorted = new ArrayList<>(members);
      // The retained sample first, then by dissimilarity (stable: dataset order on ties).
      sorted.sort(
          Comparator.comparing((KeepList.GroupRow r) -> !r.id().equals(r.representativeId()))
              .thenComparingDouble(KeepList.GroupRow::dissimilarity));
      double sum = 0;
      for (KeepList.GroupRow r : sorted.subList(1, sorted.size())) {
        sum += r.dissimilarity();
      }
      KeepList.GroupRow first = sorted.getFirst();
      out.computeIfAbsent(first.label(), k -> new ArrayList<>())
          .add(new Group(first.label(), first.group(), sorted, sum / (sorted.size() - 1)));
    }
    for (Map.Entry<Integer, List<Group>> e : out.entrySet()) {
      List<Group> groups = e.getValue();
      groups.sort(Comparator.comparingInt(Group::size).reversed().thenComparingInt(Group::group));
      e.setValue(List.copyOf(groups.subList(0, Math.min(perClass, groups.size()))));
    }
    return out;
  }
}
