package org.winnow.train;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The optimiser of a run: SGD with momentum and weight decay ({@link MomentumSgd}) whose learning
 * rate follows a {@link Schedule} per step.
 *
 * @param learningRate the peak learning rate, &gt; 0
 * @param momentum SGD momentum in [0, 1)
 * @param weightDecay L2 penalty on every parameter, &gt;= 0
 * @param schedule the learning-rate schedule
 * @param warmupEpochs warm-up length in epochs (fractions allowed, at most the run's epochs, which
 *     {@link Recipe} checks); empty for the schedule's default (15% of the run for one-cycle, none
 *     otherwise)
 */
public record Sgd(
    double learningRate,
    double momentum,
    double weightDecay,
    Schedule schedule,
    OptionalDouble warmupEpochs) {

  /** Default peak learning rate. */
  public static final double DEFAULT_LR = 0.05;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public Sgd {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(warmupEpochs, "warmupEpochs");
    if (!(learningRate > 0 && Double.isFinite(learningRate))) {
      throw new IllegalArgumentException("--lr must be > 0");
    }
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("--momentum must be in [0, 1), got " + momentum);
    }
    if (!(weightDecay >= 0 && Double.isFinite(weightDecay))) {
      throw new IllegalArgumentException("--weight-decay must be >= 0");
    }
  }

  /** The stable recipe's: learning rate 0.05, momentum 0.9, weight decay 5e-4, one-cycle. */
  public static Sgd defaults() {
    return new Sgd(DEFAULT_LR, 0.9, 5e-4, Schedule.ONE_CYCLE, OptionalDouble.empty());
  }

  /** Warm-up in epochs of a run of {@code epochs}, after applying the schedule's default. */
  public double warmupEpochs(int epochs) {
    if (warmupEpochs.isPresent()) {
      return warmupEpochs.getAsDouble();
    }
    return schedule == Schedule.ONE_CYCLE ? Schedule.ONE_CYCLE_WARMUP * epochs : 0;
  }
}
