package org.winnow.train.curve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.winnow.prune.KeepFractions;

/**
 * One training run of a curve.
 *
 * @param method the row label: a subset method ({@code semantic}, {@code random}, ...) below
 *     fraction 1, {@value #FULL} for the full training split with the standard trainer (shared by
 *     every subset method at fraction 1 and by {@code standard}), or a per-batch training
 *     selector's name at fraction 1
 * @param fraction the keep fraction
 * @param trial the trial, from 1
 * @param seed the training seed, and for a seeded subset method the subset's
 * @param selector the per-batch selector to train with
 */
record PlannedRun(String method, double fraction, int trial, long seed, String selector) {

  /** The label of the shared full-set runs. */
  static final String FULL = "full";

  /** The run's folder name, e.g. {@code semantic-0.9-t2}. */
  String name() {
    return method + "-" + KeepFractions.format(fraction) + "-t" + trial;
  }

  /**
   * Every run of a curve, trial by trial so that an interrupted curve has whole trials: the full
   * run, then the training selectors, then the subsets from the largest fraction down.
   */
  static List<PlannedRun> plan(CurveOptions o) {
    boolean anySubset = o.methods().stream().anyMatch(CurveMethods::isSubset);
    boolean full =
        o.methods().contains(CurveMethods.STANDARD) || (anySubset && o.fractions().contains(1.0));
    List<Double> below =
        o.fractions().stream().filter(f -> f < 1).sorted(Comparator.reverseOrder()).toList();
    List<PlannedRun> runs = new ArrayList<>();
    for (int t = 1; t <= o.trials(); t++) {
      long seed = o.trialSeed(t);
      if (full) {
        runs.add(new PlannedRun(FULL, 1.0, t, seed, CurveMethods.STANDARD));
      }
      for (String m : o.methods()) {
        if (!CurveMethods.isSubset(m) && !m.equals(CurveMethods.STANDARD)) {
          runs.add(new PlannedRun(m, 1.0, t, seed, m));
        }
      }
      for (double f : below) {
        for (String m : o.methods()) {
          if (CurveMethods.isSubset(m)) {
            runs.add(new PlannedRun(m, f, t, seed, CurveMethods.STANDARD));
          }
        }
      }
    }
    return runs;
  }

  /**
   * Whether a run labelled {@code label} at {@code runFraction} is a point of {@code m} at {@code
   * f}.
   */
  static boolean serves(String label, double runFraction, String m, double f) {
    if (runFraction != f) {
      return false;
    }
    if (label.equals(FULL)) {
      return m.equals(CurveMethods.STANDARD) || CurveMethods.isSubset(m);
    }
    return label.equals(m);
  }
}
