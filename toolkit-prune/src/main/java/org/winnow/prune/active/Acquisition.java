package org.winnow.prune.active;

import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One round's choice: scores the candidates by a {@link Strategy} and takes the {@code budget}
 * highest, ties to the lower row. Random acquisition scores each candidate by a seeded uniform draw
 * and asks the model nothing.
 */
public final class Acquisition {

  private Acquisition() {}

  /**
   * What to score with.
   *
   * @param strategy the score
   * @param beta information density's exponent on the density term
   * @param budget how many rows to choose, at least 1
   * @param seed the seed of random acquisition
   */
  public record Settings(Strategy strategy, double beta, int budget, long seed) {

    /** Validates the settings. */
    public Settings {
      Objects.requireNonNull(strategy, "strategy");
      if (!(beta >= 0) || Double.isInfinite(beta)) {
        throw new IllegalArgumentException("--beta must be a finite number >= 0, not " + beta);
      }
      if (budget < 1) {
        throw new IllegalArgumentException("--budget must be at least 1, not " + budget);
      }
    }
  }

  /**
   * The chosen rows.
   *
   * @param rows the rows to label, best first
   * @param scores their scores, non-increasing
   * @param candidatesScored how many candidates were scored
   */
  public record Batch(int[] rows, double[] scores, int candidatesScored) {}

  /**
   * Scores every candidate and returns the best {@code budget} (all of them when there are fewer).
   *
   * @param unit the pool's unit rows
   * @param candidates the rows that may be chosen (unlabelled)
   * @param labelled the labelled rows, whose complement is the pool of the density term
   * @param model the class probabilities; not called for random acquisition
   * @param density the pool's density sums; read only for information density
   */
  public static Batch select(
      double[][] unit,
      int[] candidates,
      int[] labelled,
      ProbabilityModel model,
      PoolDensity density,
      Settings settings) {
    double[] scores = scores(unit, candidates, labelled, model, density, settings);
    int[] best = top(candidates, scores, settings.budget());
    double[] s = new double[best.length];
    for (int i = 0; i < best.length; i++) {
      s[i] = scores[best[i]];
      best[i] = candidates[best[i]];
    }
    return new Batch(best, s, candidates.length);
  }

  /**
   * One round's choice: over every unlabelled row, or over a SEALS pool after it has grown by the
   * rows labelled since it last grew.
   *
   * @param seals the SEALS pool; null to score the whole unlabelled pool
   * @param unsearched the rows labelled since the SEALS pool last grew (ignored without one)
   * @param labelled every labelled row
   */
  public static Batch round(
      double[][] unit,
      SealsPool seals,
      int[] unsearched,
      int[] labelled,
      ProbabilityModel model,
      PoolDensity density,
      Settings settings) {
    int[] candidates;
    if (seals != null) {
      seals.label(unsearched);
      candidates = seals.candidates();
    } else {
      candidates = unlabelled(unit.length, labelled);
    }
    return select(unit, candidates, labelled, model, density, settings);
  }

  /** The score of each candidate, in the candidates' order. */
  static double[] scores(
      double[][] unit,
      int[] candidates,
      int[] labelled,
      ProbabilityModel model,
      PoolDensity density,
      Settings settings) {
    Strategy strategy = settings.strategy();
    if (strategy == Strategy.RANDOM) {
      SplittableRandom rng = new SplittableRandom(settings.seed());
      double[] draws = new double[candidates.length];
      for (int i = 0; i < draws.length; i++) {
        draws[i] = rng.nextDouble();
      }
      return draws;
    }
    double[][] p = model.probabilities(candidates);
    double[] mean = strategy == Strategy.ID ? density.unlabelledMean(labelled) : null;
    double[] scores = new double[candidates.length];
    IntStream.range(0, candidates.length)
        .parallel()
        .forEach(
            i ->
                scores[i] =
                    switch (strategy) {
                      case MAXENT -> Scores.maxEnt(p[i]);
                      case MARGIN -> Scores.margin(p[i]);
                      case ID ->
                          Scores.informationDensity(
                              Scores.maxEnt(p[i]),
                              Scores.dot(unit[candidates[i]], mean),
                              settings.beta());
                      case RANDOM -> throw new AssertionError();
                    });
    return scores;
  }

  /** The positions of the {@code budget} highest scores, best first; ties to the lower position. */
  static int[] top(int[] candidates, double[] scores, int budget) {
    int b = Math.min(budget, scores.length);
    // the heap's head is the worst kept: lowest score, then highest row
    PriorityQueue<Integer> heap =
        new PriorityQueue<>(
            b + 1,
            (x, y) ->
                scores[x] != scores[y]
                    ? Double.compare(scores[x], scores[y])
                    : Integer.compare(candidates[y], candidates[x]));
    for (int i = 0; i < scores.length; i++) {
      if (heap.size() < b) {
        heap.add(i);
      } else if (b > 0 && better(i, heap.peek(), candidates, scores)) {
        heap.poll();
        heap.add(i);
      }
    }
    int[] out = new int[heap.size()];
    for (int i = out.length - 1; i >= 0; i--) {
      out[i] = heap.poll();
    }
    return out;
  }

  private static boolean better(int i, int j, int[] candidates, double[] scores) {
    return scores[i] > scores[j] || scores[i] == scores[j] && candidates[i] < candidates[j];
  }

  /** The rows of {@code 0..size-1} not in {@code labelled}, ascending. */
  public static int[] unlabelled(int size, int[] labelled) {
    boolean[] is = new boolean[size];
    for (int r : labelled) {
      is[r] = true;
    }
    return IntStream.range(0, size).filter(r -> !is[r]).toArray();
  }
}
