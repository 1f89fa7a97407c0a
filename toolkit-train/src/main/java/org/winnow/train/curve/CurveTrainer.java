package org.winnow.train.curve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import org.winnow.datasets.Progress;

/**
 * Trains one network from scratch for a curve and evaluates it on the test split. The trainer holds
 * every training option the curve does not vary (architecture, epochs, learning rate, ...); the
 * curve varies the subset, the per-batch selector and the seed.
 */
public interface CurveTrainer {

  /**
   * One training run.
   *
   * @param selector the per-batch selector: {@code standard}, {@code saln}, {@code random-batch} or
   *     {@code jest}
   * @param keepList the subset to train on (a {@code keep.csv}); empty for the whole train split
   * @param seed the training seed (initialisation, shuffling, augmentation, selection)
   * @param runDir the run folder
   * @param resume whether to continue the run an earlier, interrupted call left in {@code runDir};
   *     when false, {@code runDir} does not exist
   */
  record Request(String selector, Optional<Path> keepList, long seed, Path runDir, boolean resume) {

    /** Validates the fields. */
    public Request {
      Objects.requireNonNull(selector, "selector");
      Objects.requireNonNull(keepList, "keepList");
      Objects.requireNonNull(runDir, "runDir");
    }
  }

  /**
   * What a run measured.
   *
   * @param testAccuracy test accuracy after the last epoch
   * @param bestTestAccuracy the best test accuracy of any epoch
   * @param wallSeconds the run's wall time
   * @param trainSize the samples in the training set (the subset's size)
   */
  record Outcome(double testAccuracy, double bestTestAccuracy, double wallSeconds, int trainSize) {}

  /** The options every run shares, by name, for the curve's manifest. */
  SortedMap<String, String> settings();

  /**
   * Trains and evaluates one network.
   *
   * @throws IOException when the run's outputs cannot be written
   */
  Outcome train(Request request, Progress progress) throws IOException;
}
