package org.winnow.prune.advise;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.winnow.prune.plot.CurveNoise;
import org.winnow.prune.plot.CurvePoint;

/**
 * The probe's answer beside a {@code winnow curve} result: per method of the curve, the fraction
 * that its retrained networks support under the probe's overall rule ({@link
 * Recommendation#overallOnly}), next to the probe's own fraction for that method. Both {@code
 * advice.html} and {@code winnow report}'s advice section say it with these rows, so the two never
 * disagree.
 *
 * <p>A method that the curve trained only at fraction 1 (a method listed for the shared full-set
 * run but never pruned) has no retrained answer: the full-set point alone says nothing about how
 * much can go, so it is not reported as "100 %".
 *
 * @param method the curve's method
 * @param probe the probe's recommended fraction for the same method, when the probe ran it
 * @param retrained the fraction the retrained curve supports; empty when it has no point at
 *     fraction 1 or none below it
 * @param below the curve's points of this method below fraction 1
 */
public record RetrainedComparison(
    String method, OptionalDouble probe, OptionalDouble retrained, int below) {

  /**
   * One row per method of {@code curve}, in the order the methods first appear.
   *
   * @param probe the probe's recommendations, matched by method name
   * @param tolerance the overall tolerance, as a fraction (0.01 is 1 point)
   */
  public static List<RetrainedComparison> of(
      List<CurvePoint> curve, List<Recommendation> probe, double tolerance) {
    List<RetrainedComparison> out = new ArrayList<>();
    for (String m : curve.stream().map(CurvePoint::method).distinct().toList()) {
      List<CurvePoint> line = curve.stream().filter(p -> p.method().equals(m)).toList();
      int below = (int) line.stream().filter(p -> p.fraction() < 1).count();
      double fraction =
          Recommendation.overallOnly(
              line.stream().map(p -> new double[] {p.fraction(), p.mean()}).toList(), tolerance);
      Optional<Recommendation> own = probe.stream().filter(r -> r.method().equals(m)).findFirst();
      out.add(
          new RetrainedComparison(
              m,
              own.map(r -> OptionalDouble.of(r.fraction())).orElse(OptionalDouble.empty()),
              Double.isNaN(fraction) || below == 0
                  ? OptionalDouble.empty()
                  : OptionalDouble.of(fraction),
              below));
    }
    return out;
  }

  /**
   * What the retrained curve says for this method, e.g. {@code semantic 80 %}, or why it says
   * nothing: {@code random: trained only on the full set, no pruned fraction to judge}. At 100 % it
   * says why, since "keep everything" is an answer here, not the absence of one.
   */
  public String describe() {
    if (retrained.isPresent()) {
      return method
          + " "
          + percent(retrained.getAsDouble())
          + (retrained.getAsDouble() == 1
              ? " (its next retrained fraction falls more than the tolerance under the full set)"
              : "");
    }
    return method
        + (below == 0
            ? ": trained only on the full set, no pruned fraction to judge"
            : ": no point at fraction 1 to compare with");
  }

  /**
   * The rows in one phrase, the methods with the same reason for no answer named together: {@code
   * semantic 80 %; random and prototype-easy: trained only on the full set, no pruned fraction to
   * judge}.
   */
  public static String phrase(List<RetrainedComparison> rows) {
    List<String> parts = new ArrayList<>();
    Map<String, List<String>> unanswered = new HashMap<>(); // ": reason" -> its methods
    for (RetrainedComparison r : rows) {
      if (r.retrained().isPresent()) {
        parts.add(r.describe());
        continue;
      }
      String reason = r.describe().substring(r.method().length());
      if (!unanswered.containsKey(reason)) {
        unanswered.put(reason, new ArrayList<>());
        parts.add(reason);
      }
      unanswered.get(reason).add(r.method());
    }
    List<String> out = new ArrayList<>();
    for (String part : parts) {
      List<String> methods = unanswered.get(part);
      out.add(methods == null ? part : names(methods) + part);
    }
    return String.join("; ", out);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  private static String names(List<String> methods) {
    return methods.size() == 1
        ? methods.getFirst()
        : String.join(", ", methods.subList(0, methods.size() - 1)) + " and " + methods.getLast();
  }

  /** A fraction as {@code 80 %}. */
  public static String percent(double fraction) {
    return CurveNoise.percent(fraction) + " %";
  }
}
