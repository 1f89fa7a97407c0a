package org.winnow.prune.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.winnow.prune.KeepFractions;

/**
 * Says, in one sentence per comparison, whether two methods of a redundancy curve differ by more
 * than their run-to-run noise, so that a curve from a few trials is not read as a ranking.
 *
 * <p>The rule: at one fraction, methods a and b differ <em>within noise</em> when {@code |mean_a -
 * mean_b| <= max(std_a, std_b)}, the larger of their standard deviations over trials (sample
 * standard deviations, as {@code curve.csv} holds them). It is deliberately lenient towards "within
 * noise": with 3 trials a difference of one standard deviation is far from significant (Welch's t
 * would be about 1.2 with 2 to 4 degrees of freedom), so "more than the noise" means only that the
 * difference is not explained by the spread alone, not that it is significant. When either point
 * comes from one trial the noise cannot be judged, and the sentence says so.
 *
 * <p>Each method is compared with {@code random} (the baseline of Birodkar, Mobahi and Bengio,
 * <i>Semantic Redundancies in Image-Classification Datasets: The 10% You Don't Need</i>, 2019,
 * Figure 2) when the curve has it, else with its first method. Points equal in mean, standard
 * deviation and trials are the same shared runs (every subset method at fraction 1 trains on the
 * whole set) and are not compared.
 */
public final class CurveNoise {

  /** The method every other is compared with, when the curve has it. */
  public static final String BASELINE = "random";

  private CurveNoise() {}

  /**
   * One comparison at one fraction.
   *
   * @param fraction the kept fraction
   * @param method the method compared
   * @param baseline the method it is compared with
   * @param difference {@code mean(method) - mean(baseline)}, as a fraction of 1
   * @param noise the larger of the two standard deviations, as a fraction of 1 (a one-trial point
   *     counts 0)
   * @param trials the trials of the method's point
   * @param baselineTrials the trials of the baseline's point
   */
  public record Comparison(
      double fraction,
      String method,
      String baseline,
      double difference,
      double noise,
      int trials,
      int baselineTrials) {

    /** Whether the noise can be judged: both points come from at least two trials. */
    public boolean judged() {
      return trials > 1 && baselineTrials > 1;
    }

    /**
     * Whether the difference is at most the larger standard deviation (when judged), up to a
     * rounding error far below the printed tenth of a point.
     */
    public boolean withinNoise() {
      return judged() && Math.abs(difference) <= noise + 1e-9;
    }

    /**
     * The sentence, e.g. "At 70%, semantic and random differ by 1.2 points, within run-to-run noise
     * (std 3.1 over 3 trials)."
     */
    public String sentence() {
      String at =
          "At "
              + percent(fraction)
              + "%, "
              + method
              + " and "
              + baseline
              + String.format(Locale.ROOT, " differ by %.1f points", 100 * Math.abs(difference));
      if (!judged()) {
        return at + "; run-to-run noise cannot be judged from one trial.";
      }
      String over =
          trials == baselineTrials
              ? trials + " trials"
              : trials + " and " + baselineTrials + " trials";
      String std = String.format(Locale.ROOT, "std %.1f over %s", 100 * noise, over);
      if (withinNoise()) {
        return at + ", within run-to-run noise (" + std + ").";
      }
      return at
          + " ("
          + (difference > 0 ? method : baseline)
          + " higher), more than run-to-run noise ("
          + std
          + ").";
    }
  }

  /**
   * The comparisons of a curve, by fraction from the largest and then in the order the methods
   * first appear.
   */
  public static List<Comparison> compare(List<CurvePoint> points) {
    Map<String, Map<Double, CurvePoint>> byMethod = new LinkedHashMap<>();
    TreeMap<Double, Boolean> fractions = new TreeMap<>();
    for (CurvePoint p : points) {
      byMethod.computeIfAbsent(p.method(), k -> new LinkedHashMap<>()).put(p.fraction(), p);
      fractions.put(p.fraction(), true);
    }
    if (byMethod.size() < 2) {
      return List.of();
    }
    String baseline =
        byMethod.containsKey(BASELINE) ? BASELINE : byMethod.keySet().iterator().next();
    Map<Double, CurvePoint> base = byMethod.get(baseline);
    List<Comparison> out = new ArrayList<>();
    for (double f : fractions.descendingKeySet()) {
      CurvePoint b = base.get(f);
      if (b == null) {
        continue;
      }
      for (Map.Entry<String, Map<Double, CurvePoint>> e : byMethod.entrySet()) {
        CurvePoint a = e.getValue().get(f);
        if (e.getKey().equals(baseline) || a == null || sameRuns(a, b)) {
          continue;
        }
        out.add(
            new Comparison(
                f,
                a.method(),
                baseline,
                a.mean() - b.mean(),
                Math.max(spread(a), spread(b)),
                a.n(),
                b.n()));
      }
    }
    return out;
  }

  /** The sentences of {@link #compare}, one per comparison. */
  public static List<String> sentences(List<CurvePoint> points) {
    return compare(points).stream().map(Comparison::sentence).toList();
  }

  /** A fraction as a percentage with no rounding noise: 0.7 is 70, 0.125 is 12.5. */
  public static String percent(double fraction) {
    return new BigDecimal(KeepFractions.format(fraction))
        .movePointRight(2)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static boolean sameRuns(CurvePoint a, CurvePoint b) {
    return a.mean() == b.mean() && a.n() == b.n() && spread(a) == spread(b);
  }

  /** A point's standard deviation, 0 when none was computed (one trial). */
  private static double spread(CurvePoint p) {
    return Double.isNaN(p.std()) ? 0 : p.std();
  }
}
