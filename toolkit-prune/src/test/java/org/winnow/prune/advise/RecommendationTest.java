package org.winnow.prune.advise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommendationTest {

  /**
   * A point of two trials at {@code overall ± 0.01} whose two classes score {@code a} and {@code
   * b}.
   */
  private static ProbePoint point(String method, double f, double overall, double a, double b) {
    return new ProbePoint(
        method,
        f,
        (int) (1000 * f),
        new double[] {overall - 0.01, overall + 0.01},
        new double[][] {{a, b}, {a, b}});
  }

  @Test
  void takesTheSmallestFractionFromWhichEveryLargerOneStaysWithinTolerance() {
    List<ProbePoint> points = new ArrayList<>();
    points.add(point("semantic", 1.0, 0.90, 0.9, 0.9));
    points.add(point("semantic", 0.8, 0.895, 0.9, 0.9));
    points.add(point("semantic", 0.6, 0.88, 0.9, 0.9)); // 2 points under: the rule stops here
    points.add(point("semantic", 0.4, 0.90, 0.9, 0.9)); // a lucky point below is not taken
    points.add(point("random", 1.0, 0.90, 0.9, 0.9));
    points.add(point("random", 0.8, 0.90, 0.9, 0.85)); // class b 5 points under its full
    points.add(point("random", 0.6, 0.90, 0.9, 0.9));
    List<Recommendation> r = Recommendation.of(points, List.of("a", "b"), 0.01, 0.03);
    assertEquals(0.8, r.get(0).fraction());
    assertEquals(0.895, r.get(0).at(), 1e-12);
    assertEquals(Math.sqrt(2) * 0.01, r.get(0).std(), 1e-12);
    assertTrue(
        r.get(0).reason().orElseThrow().startsWith("at 0.6 the accuracy is 88.00 % (± 1.41)"),
        r.get(0).reason().get());
    assertEquals(1.0, r.get(1).fraction());
    assertTrue(
        r.get(1).reason().orElseThrow().startsWith("at 0.8 class 'b' is at 85.00 %"),
        r.get(1).reason().get());

    // a looser class tolerance lets random go to 0.6, the smallest tried: nothing refused
    Recommendation loose = Recommendation.of(points, List.of("a", "b"), 0.01, 0.06).get(1);
    assertEquals(0.6, loose.fraction());
    assertTrue(loose.reason().isEmpty());
  }

  @Test
  void aClassWithoutTestSamplesIsNotJudgedAndAMissingFullPointIsRefused() {
    List<ProbePoint> points =
        List.of(
            point("semantic", 1.0, 0.9, 0.9, Double.NaN),
            point("semantic", 0.5, 0.9, 0.9, Double.NaN));
    assertEquals(0.5, Recommendation.of(points, List.of("a", "b"), 0.01, 0.01).get(0).fraction());
    assertThrows(
        IllegalArgumentException.class,
        () -> Recommendation.of(List.of(point("x", 0.5, 0.9, 1, 1)), List.of("a", "b"), 0, 0));
    assertEquals(
        0.5,
        Recommendation.overallOnly(
            List.of(new double[] {0.25, 0.5}, new double[] {1, 0.9}, new double[] {0.5, 0.895}),
            0.01));
  }
}
