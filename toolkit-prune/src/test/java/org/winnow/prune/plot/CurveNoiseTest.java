package org.winnow.prune.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The noise rule on made-up curves, both ways: within the larger std, and beyond it. */
class CurveNoiseTest {

  private static CurvePoint p(String method, double fraction, double mean, double std, int n) {
    return new CurvePoint(method, fraction, (int) (2000 * fraction), mean, std, n);
  }

  @Test
  void aDifferenceWithinTheLargerStdIsNoise() {
    // The issue's example: 1.2 points apart, the larger std 3.1.
    List<String> s =
        CurveNoise.sentences(
            List.of(p("semantic", 0.7, 0.632, 0.031, 3), p("random", 0.7, 0.620, 0.012, 3)));
    assertEquals(
        List.of(
            "At 70%, semantic and random differ by 1.2 points, within run-to-run noise (std 3.1"
                + " over 3 trials)."),
        s);
  }

  @Test
  void aDifferenceBeyondTheLargerStdIsNotNoiseAndSaysWhichIsHigher() {
    List<CurveNoise.Comparison> c =
        CurveNoise.compare(
            List.of(p("semantic", 0.5, 0.486, 0.010, 3), p("random", 0.5, 0.632, 0.020, 3)));
    assertEquals(1, c.size());
    assertTrue(c.getFirst().judged());
    assertFalse(c.getFirst().withinNoise());
    assertEquals(-0.146, c.getFirst().difference(), 1e-12);
    assertEquals(
        "At 50%, semantic and random differ by 14.6 points (random higher), more than run-to-run"
            + " noise (std 2.0 over 3 trials).",
        c.getFirst().sentence());
  }

  @Test
  void theBoundaryCountsAsNoise() {
    CurveNoise.Comparison c =
        CurveNoise.compare(
                List.of(p("semantic", 0.5, 0.625, 0.025, 3), p("random", 0.5, 0.6, 0.02, 3)))
            .getFirst();
    assertTrue(c.withinNoise(), c.sentence());
    CurveNoise.Comparison beyond =
        CurveNoise.compare(
                List.of(p("semantic", 0.5, 0.626, 0.025, 3), p("random", 0.5, 0.6, 0.02, 3)))
            .getFirst();
    assertFalse(beyond.withinNoise(), beyond.sentence());
  }

  @Test
  void percentagesCarryNoRoundingNoise() {
    assertEquals("57", CurveNoise.percent(0.57));
    assertEquals("12.5", CurveNoise.percent(0.125));
    assertEquals("100", CurveNoise.percent(1.0));
  }

  @Test
  void oneTrialCannotBeJudgedHoweverLargeTheGap() {
    List<CurveNoise.Comparison> c =
        CurveNoise.compare(
            List.of(p("semantic", 0.7, 0.486, 0, 1), p("random", 0.7, 0.632, 0.05, 3)));
    assertFalse(c.getFirst().judged());
    assertFalse(c.getFirst().withinNoise());
    assertEquals(
        "At 70%, semantic and random differ by 14.6 points; run-to-run noise cannot be judged from"
            + " one trial.",
        c.getFirst().sentence());
    // A one-trial point read from an older table (std NaN) as well.
    assertFalse(
        CurveNoise.compare(
                List.of(p("semantic", 0.7, 0.5, Double.NaN, 1), p("random", 0.7, 0.5, 0.01, 1)))
            .getFirst()
            .judged());
  }

  @Test
  void everyMethodIsComparedWithRandomAtEachFractionLargestFirstAndSharedRunsAreSkipped() {
    List<CurvePoint> curve =
        List.of(
            // At 1 every subset method trains on the whole set: the same runs, nothing to compare.
            p("semantic", 1.0, 0.70, 0.01, 3),
            p("semantic", 0.5, 0.60, 0.02, 3),
            p("prototype-easy", 1.0, 0.70, 0.01, 3),
            p("prototype-easy", 0.5, 0.50, 0.02, 2),
            p("random", 1.0, 0.70, 0.01, 3),
            p("random", 0.5, 0.61, 0.02, 3),
            p("random", 0.8, 0.65, 0.02, 3),
            p("semantic", 0.8, 0.66, 0.03, 3));
    List<CurveNoise.Comparison> c = CurveNoise.compare(curve);
    assertEquals(
        List.of("semantic@0.8", "semantic@0.5", "prototype-easy@0.5"),
        c.stream().map(x -> x.method() + "@" + x.fraction()).toList());
    assertTrue(c.stream().allMatch(x -> x.baseline().equals("random")));
    assertEquals(
        "At 50%, prototype-easy and random differ by 11.0 points (random higher), more than"
            + " run-to-run noise (std 2.0 over 2 and 3 trials).",
        c.get(2).sentence());
  }

  @Test
  void withoutRandomTheFirstMethodIsTheBaselineAndOneMethodHasNoComparison() {
    List<CurveNoise.Comparison> c =
        CurveNoise.compare(
            List.of(p("semantic", 0.5, 0.60, 0.02, 3), p("prototype", 0.5, 0.65, 0.01, 3)));
    assertEquals("semantic", c.getFirst().baseline());
    assertEquals("prototype", c.getFirst().method());
    assertTrue(c.getFirst().sentence().contains("(prototype higher)"), c.getFirst().sentence());
    assertEquals(List.of(), CurveNoise.compare(List.of(p("semantic", 0.5, 0.60, 0.02, 3))));
  }
}
