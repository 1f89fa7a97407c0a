package org.winnow.prune.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.winnow.prune.plot.CurvePoint;

/** The probe's answer beside a retrained curve, as advise and the report word it. */
class RetrainedComparisonTest {

  private static CurvePoint point(String method, double fraction, double mean) {
    return new CurvePoint(method, fraction, (int) (1000 * fraction), mean, 0, 1);
  }

  @Test
  void percentagesCarryNoRoundingNoise() {
    // 100 * 0.55 is 55.00000000000001 in doubles
    assertEquals("55 %", RetrainedComparison.percent(0.55));
    assertEquals("7 %", RetrainedComparison.percent(0.07));
    assertEquals("12.5 %", RetrainedComparison.percent(0.125));
    assertEquals("100 %", RetrainedComparison.percent(1.0));
  }

  @Test
  void aMethodTrainedOnlyOnTheFullSetIsNotReportedAsKeepingAll() {
    // as the 10-epoch Fashion-MNIST curve: semantic retrained at 80 % (2.7 points under), the
    // other methods listed at fraction 1 only, for the shared full-set run
    List<CurvePoint> curve =
        List.of(
            point("semantic", 1, 0.8205),
            point("semantic", 0.8, 0.7932),
            point("random", 1, 0.8205),
            point("prototype-easy", 1, 0.8205),
            point("lonely", 0.5, 0.8));
    List<Recommendation> probe =
        List.of(
            new Recommendation("semantic", 0.8, 0.86, 0.858, 0, 1, Optional.empty()),
            new Recommendation("random", 0.1, 0.86, 0.852, 0.001, 5, Optional.empty()));
    List<RetrainedComparison> rows = RetrainedComparison.of(curve, probe, 0.01);
    assertEquals(
        List.of(
            new RetrainedComparison("semantic", OptionalDouble.of(0.8), OptionalDouble.of(1), 1),
            new RetrainedComparison("random", OptionalDouble.of(0.1), OptionalDouble.empty(), 0),
            new RetrainedComparison(
                "prototype-easy", OptionalDouble.empty(), OptionalDouble.empty(), 0),
            new RetrainedComparison("lonely", OptionalDouble.empty(), OptionalDouble.empty(), 1)),
        rows);
    assertEquals(
        List.of(
            "semantic 100 % (its next retrained fraction falls more than the tolerance under the"
                + " full set)",
            "random: trained only on the full set, no pruned fraction to judge",
            "prototype-easy: trained only on the full set, no pruned fraction to judge",
            "lonely: no point at fraction 1 to compare with"),
        rows.stream().map(RetrainedComparison::describe).toList());
    assertEquals(
        "semantic 100 % (its next retrained fraction falls more than the tolerance under the full"
            + " set); random and prototype-easy: trained only on the full set, no pruned fraction"
            + " to judge; lonely: no point at fraction 1 to compare with",
        RetrainedComparison.phrase(rows));
  }

  @Test
  void aRetrainedPointWithinToleranceIsSupported() {
    List<CurvePoint> curve =
        List.of(point("random", 1, 0.9), point("random", 0.5, 0.895), point("random", 0.2, 0.85));
    RetrainedComparison row = RetrainedComparison.of(curve, List.of(), 0.01).getFirst();
    assertEquals(OptionalDouble.of(0.5), row.retrained());
    assertEquals("random 50 %", row.describe());
  }
}
