package org.winnow.prune.advise;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rule behind {@code winnow advise}'s answer: for one method, the smallest fraction from which
 * on every larger fraction too the mean accuracy stays within {@code tolerance} of the full pool's,
 * overall, and within {@code classTolerance} for every class. "Stays": a lucky dip below the line
 * followed by a fraction above it is not taken, so the answer does not hang on one noisy point.
 *
 * @param method the method
 * @param fraction the recommended fraction (1 when no smaller one qualifies)
 * @param full the accuracy at fraction 1
 * @param at the accuracy at the recommended fraction
 * @param std the trials' standard deviation there
 * @param trials the trials there
 * @param reason why the next smaller fraction was refused, empty when it is the smallest tried
 */
public record Recommendation(
    String method,
    double fraction,
    double full,
    double at,
    double std,
    int trials,
    Optional<String> reason) {

  /**
   * The recommendation for each method among {@code points}, in their order.
   *
   * @param classNames the class names, for the reasons
   * @throws IllegalArgumentException when a method has no point at fraction 1
   */
  public static List<Recommendation> of(
      List<ProbePoint> points, List<String> classNames, double tolerance, double classTolerance) {
    List<Recommendation> out = new ArrayList<>();
    for (String method : points.stream().map(ProbePoint::method).distinct().toList()) {
      List<ProbePoint> line =
          points.stream()
              .filter(p -> p.method().equals(method))
              .sorted(Comparator.comparingDouble(ProbePoint::fraction).reversed())
              .toList();
      ProbePoint full = line.getFirst();
      if (full.fraction() != 1.0) {
        throw new IllegalArgumentException(method + ": no point at fraction 1 to compare with");
      }
      ProbePoint chosen = full;
      Optional<String> reason = Optional.empty();
      for (ProbePoint p : line.subList(1, line.size())) {
        Optional<String> refused = refusal(p, full, classNames, tolerance, classTolerance);
        if (refused.isPresent()) {
          reason = refused;
          break;
        }
        chosen = p;
      }
      out.add(
          new Recommendation(
              method,
              chosen.fraction(),
              full.mean(),
              chosen.mean(),
              chosen.std(),
              chosen.trials(),
              reason));
    }
    return out;
  }

  /** The overall rule alone, for a retrained curve whose table has no per-class accuracies. */
  static double overallOnly(List<double[]> fractionAndMean, double tolerance) {
    List<double[]> line =
        fractionAndMean.stream().sorted(Comparator.comparingDouble((double[] a) -> -a[0])).toList();
    if (line.isEmpty() || line.getFirst()[0] != 1.0) {
      return Double.NaN;
    }
    double chosen = 1;
    for (double[] p : line.subList(1, line.size())) {
      if (p[1] < line.getFirst()[1] - tolerance) {
        break;
      }
      chosen = p[0];
    }
    return chosen;
  }

  private static Optional<String> refusal(
      ProbePoint p, ProbePoint full, List<String> classNames, double tolerance, double classTol) {
    if (p.mean() < full.mean() - tolerance) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "at %s the accuracy is %.2f %% (± %.2f), more than %.2f points under the full pool's"
                  + " %.2f %%",
              p.fraction(),
              100 * p.mean(),
              100 * p.std(),
              100 * tolerance,
              100 * full.mean()));
    }
    for (int c = 0; c < classNames.size(); c++) {
      double at = p.classMean(c);
      double base = full.classMean(c);
      if (!Double.isNaN(at) && !Double.isNaN(base) && at < base - classTol) {
        return Optional.of(
            String.format(
                Locale.ROOT,
                "at %s class '%s' is at %.2f %% (± %.2f), more than %.2f points under its %.2f %%"
                    + " on the full pool",
                p.fraction(),
                classNames.get(c),
                100 * at,
                100 * p.classStd(c),
                100 * classTol,
                100 * base));
      }
    }
    return Optional.empty();
  }
}
