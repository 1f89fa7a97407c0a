package org.winnow.prune.advise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.prune.NearestNeighbours;
import org.winnow.prune.RandomSelector;
import org.winnow.prune.Selection;
import org.winnow.prune.SemanticSelector;
import org.winnow.prune.active.LinearHead;

/**
 * Linear-probe curves: for each trial, the training pool is pruned by {@code semantic} and by
 * {@code random} at every fraction, a {@link LinearHead} (the active-learning head: multinomial
 * logistic regression on the unit embeddings) is trained on each subset, and its accuracy is
 * measured on the trial's test set. A probe on frozen embeddings trains in seconds where a network
 * trains in hours, which is what lets many trials estimate the noise (the linear-probe protocol of
 * Kornblith, Shlens and Le 2019, "Do Better ImageNet Models Transfer Better?", section 3).
 *
 * <p>At fraction 1 both methods keep the whole pool, so one probe serves both. A trial whose pool
 * and test set are those of the trial before ({@code --test-embeddings} given) gives the
 * deterministic semantic subsets the same accuracy, so semantic is trained in the first trial only.
 */
public final class ProbeTrials {

  private ProbeTrials() {}

  /**
   * One trial's data.
   *
   * @param pool the training pool
   * @param test the test set, of the same classes
   */
  public record Trial(EmbeddingSet pool, EmbeddingSet test) {}

  /**
   * Runs the trials.
   *
   * @param trials one per trial; the random subsets of trial {@code t} use seed {@code seed + t}
   * @param fractions the fractions, each in (0, 1]
   * @return one point per method and fraction: semantic's, then random's, in {@code fractions}'
   *     order
   */
  public static List<ProbePoint> run(
      List<Trial> trials, List<Double> fractions, long seed, Progress progress) {
    Map<String, List<double[]>> overall = new LinkedHashMap<>();
    Map<String, List<double[]>> perClass = new LinkedHashMap<>();
    Map<String, Integer> sizes = new LinkedHashMap<>();
    progress.start("probe", (long) trials.size() * fractions.size() * 2);
    double[][] unit = null;
    double[][] testUnit = null;
    for (int t = 0; t < trials.size(); t++) {
      Trial trial = trials.get(t);
      boolean sameData =
          t > 0
              && trial.pool() == trials.get(t - 1).pool()
              && trial.test() == trials.get(t - 1).test();
      int classes = trial.pool().classNames().size();
      if (!sameData) {
        unit = NearestNeighbours.unitRows(trial.pool().vectors());
        testUnit = NearestNeighbours.unitRows(trial.test().vectors());
      }
      List<Selection> semantic =
          sameData
              ? null
              : new SemanticSelector(SemanticSelector.Options.defaults())
                  .select(trial.pool(), fractions, Progress.NONE);
      List<Selection> random =
          new RandomSelector(seed + t).select(trial.pool(), fractions, Progress.NONE);
      double[] full = null;
      for (int f = 0; f < fractions.size(); f++) {
        for (String method : List.of("semantic", "random")) {
          List<Selection> selections = method.equals("semantic") ? semantic : random;
          if (selections == null) {
            progress.advance(1);
            continue;
          }
          int[] rows = selections.get(f).keptRows();
          double[] acc;
          if (fractions.get(f) == 1.0 && full != null) {
            acc = full;
          } else {
            acc = accuracy(trial, unit, testUnit, rows, classes);
            if (fractions.get(f) == 1.0) {
              full = acc;
            }
          }
          String key = method + "@" + f;
          overall.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {acc[classes]});
          perClass
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(java.util.Arrays.copyOf(acc, classes));
          sizes.putIfAbsent(key, rows.length);
          progress.advance(1);
        }
      }
    }
    progress.finish();
    List<ProbePoint> points = new ArrayList<>();
    for (String method : List.of("semantic", "random")) {
      for (int f = 0; f < fractions.size(); f++) {
        String key = method + "@" + f;
        points.add(
            new ProbePoint(
                method,
                fractions.get(f),
                sizes.get(key),
                overall.get(key).stream().mapToDouble(a -> a[0]).toArray(),
                perClass.get(key).toArray(double[][]::new)));
      }
    }
    return points;
  }

  /** Per-class accuracies, then the overall accuracy at index {@code classes}. */
  private static double[] accuracy(
      Trial trial, double[][] unit, double[][] testUnit, int[] rows, int classes) {
    int[] labels = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = trial.pool().labels()[rows[i]];
    }
    int[] predicted = LinearHead.fit(unit, rows, labels, classes).predict(testUnit);
    int[] right = new int[classes];
    int[] total = new int[classes];
    int correct = 0;
    for (int i = 0; i < predicted.length; i++) {
      int truth = trial.test().labels()[i];
      total[truth]++;
      if (predicted[i] == truth) {
        right[truth]++;
        correct++;
      }
    }
    double[] acc = new double[classes + 1];
    for (int c = 0; c < classes; c++) {
      acc[c] = total[c] == 0 ? Double.NaN : right[c] / (double) total[c];
    }
    acc[classes] = correct / (double) predicted.length;
    return acc;
  }
}
