package org.winnow.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.prune.KeepList;

/**
 * Which samples a run trains, validates and tests on, in dataset order.
 *
 * <ul>
 *   <li><b>Validation</b>: with {@code --val-fraction f > 0}, {@code round(f · n_c)} samples of
 *       each class {@code c} of the <i>whole</i> train split, drawn with the seed; so the
 *       validation set is the same for every keep-list of a dataset and a seed, and runs on
 *       different subsets are compared on the same samples. Without it, the dataset's own
 *       validation split (folders with {@code val/}), if any.
 *   <li><b>Training</b>: the train split minus the validation samples, restricted to the keep-list;
 *       keep-list ids that fell into the validation set are not trained on.
 *   <li><b>Test</b>: the test split, never trained on.
 * </ul>
 *
 * @param train training samples
 * @param validation validation samples (may be empty)
 * @param test test samples (may be empty)
 * @param keptButValidation keep-list ids left out because they are validation samples
 */
record TrainingSplits(
    List<Sample> train, List<Sample> validation, List<Sample> test, int keptButValidation) {

  /** How many unknown ids an error message names. */
  private static final int NAMED = 5;

  /**
   * Resolves the splits.
   *
   * @throws TrainingException when keep-list ids are not train samples of the dataset, or nothing
   *     is left to train on
   */
  static TrainingSplits of(
      ImageDataset dataset, Optional<KeepIds> keep, double valFraction, long seed) {
    List<Sample> all = dataset.samples(Split.TRAIN);
    Set<String> validationIds = new HashSet<>();
    List<Sample> validation;
    if (valFraction > 0) {
      validation = carve(all, dataset.classNames().size(), valFraction, seed);
      validation.forEach(s -> validationIds.add(s.id()));
    } else {
      validation = dataset.samples(Split.VAL);
    }
    List<Sample> train = new ArrayList<>();
    int keptButValidation = 0;
    if (keep.isPresent()) {
      Map<String, Sample> byId = new HashMap<>();
      all.forEach(s -> byId.put(s.id(), s));
      List<String> unknown = new ArrayList<>();
      Set<String> wanted = new HashSet<>();
      for (String id : keep.get().ids()) {
        if (byId.containsKey(id)) {
          wanted.add(id);
        } else {
          unknown.add(id);
        }
      }
      if (!unknown.isEmpty()) {
        throw new TrainingException(
            String.format(
                "%s: %,d keep-list id%s not in the train split of %s: %s%s",
                keepName(keep.get()),
                unknown.size(),
                unknown.size() == 1 ? " is" : "s are",
                dataset.root(),
                String.join(", ", unknown.subList(0, Math.min(NAMED, unknown.size()))),
                unknown.size() > NAMED ? ", ..." : ""));
      }
      try {
        keep.get().file().ifPresent(f -> KeepList.requireLabelsAgree(f, keep.get().labels(), byId));
      } catch (DatasetException e) {
        throw new TrainingException(e.getMessage(), e);
      }
      for (Sample s : all) {
        if (wanted.contains(s.id())) {
          if (validationIds.contains(s.id())) {
            keptButValidation++;
          } else {
            train.add(s);
          }
        }
      }
    } else {
      all.stream().filter(s -> !validationIds.contains(s.id())).forEach(train::add);
    }
    if (train.isEmpty()) {
      throw new TrainingException(
          keep.map(k -> keepName(k) + ": the training set is empty after --keep")
                  .orElse(dataset.root() + ": the train split is empty")
              + (keptButValidation > 0 ? " (every kept id is a validation sample)" : ""));
    }
    return new TrainingSplits(train, validation, dataset.samples(Split.TEST), keptButValidation);
  }

  private static String keepName(KeepIds keep) {
    return keep.file().map(Object::toString).orElse("keep ids");
  }

  /** A class-stratified, seeded sample of {@code fraction} of each class, in dataset order. */
  private static List<Sample> carve(List<Sample> all, int classes, double fraction, long seed) {
    List<List<Integer>> members = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < all.size(); i++) {
      members.get(all.get(i).label()).add(i);
    }
    boolean[] chosen = new boolean[all.size()];
    for (int c = 0; c < classes; c++) {
      List<Integer> m = new ArrayList<>(members.get(c));
      java.util.Collections.shuffle(m, new Random(Seeds.mix(seed, Seeds.VALIDATION, c)));
      int take = (int) Math.round(fraction * m.size());
      for (int i = 0; i < take; i++) {
        chosen[m.get(i)] = true;
      }
    }
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (chosen[i]) {
        out.add(all.get(i));
      }
    }
    return out;
  }
}
