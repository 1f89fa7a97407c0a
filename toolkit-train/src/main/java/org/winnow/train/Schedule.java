package org.winnow.train;

import java.util.Locale;

/**
 * How the learning rate moves over the run, per step. Every schedule starts with a linear warm-up
 * from {@code peak / warmupSteps} to {@code peak}; after it:
 *
 * <ul>
 *   <li>{@link #ONE_CYCLE}: linear decay to 0 at the last step (Smith and Topin, <i>Super-
 *       Convergence: Very Fast Training of Neural Networks Using Large Learning Rates</i>, 2017, in
 *       its triangular form); the warm-up defaults to 15% of the run;
 *   <li>{@link #COSINE}: half a cosine from {@code peak} to 0 (Loshchilov and Hutter, <i>SGDR:
 *       Stochastic Gradient Descent with Warm Restarts</i>, 2017);
 *   <li>{@link #CONSTANT}: {@code peak} throughout.
 * </ul>
 */
public enum Schedule {
  /** Warm-up then linear decay to zero. */
  ONE_CYCLE,
  /** Warm-up then cosine decay to zero. */
  COSINE,
  /** Warm-up (if any) then the peak rate. */
  CONSTANT;

  /** Fraction of the run one-cycle warms up over when no warm-up is given. */
  public static final double ONE_CYCLE_WARMUP = 0.15;

  /** The name users type, e.g. {@code one-cycle}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The schedule called {@code id}.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Schedule fromId(String id) {
    for (Schedule s : values()) {
      if (s.id().equalsIgnoreCase(id.replace('_', '-'))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown schedule '" + id + "' (known: one-cycle, cosine, constant)");
  }

  /**
   * The learning rate of step {@code step} (0-based) of {@code totalSteps}.
   *
   * @param peak the rate reached after warm-up
   * @param warmupSteps steps of linear warm-up, 0 for none
   */
  public double rate(double peak, long step, long totalSteps, long warmupSteps) {
    if (step < warmupSteps) {
      return peak * (step + 1) / warmupSteps;
    }
    long decay = totalSteps - warmupSteps;
    double t = decay <= 0 ? 1 : (double) (step - warmupSteps) / decay;
    return switch (this) {
      case ONE_CYCLE -> peak * (1 - t);
      case COSINE -> peak * 0.5 * (1 + Math.cos(Math.PI * t));
      case CONSTANT -> peak;
    };
  }

  @Override
  public String toString() {
    return id();
  }
}
