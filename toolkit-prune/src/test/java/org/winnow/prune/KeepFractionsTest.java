package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeepFractionsTest {

  private static String refusal(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void oneCheckWithTheSubjectTheCallerNames() {
    assertEquals(0.5, KeepFractions.check(0.5));
    assertEquals(1.0, KeepFractions.check("--keep", 1.0));
    assertEquals(Double.MIN_VALUE, KeepFractions.check(Double.MIN_VALUE));
    assertEquals("keep fraction must be in (0, 1], got 0", refusal(() -> KeepFractions.check(0)));
    assertEquals(
        "keep fraction must be in (0, 1], got -0.1", refusal(() -> KeepFractions.check(-0.1)));
    assertEquals(
        "--keep must be in (0, 1], got 1.5", refusal(() -> KeepFractions.check("--keep", 1.5)));
    assertEquals(
        "--keep must be in (0, 1], got 1.0000001",
        refusal(() -> KeepFractions.check("--keep", 1.0000001)));
    assertEquals(
        "keep fraction must be in (0, 1], got NaN", refusal(() -> KeepFractions.check(Double.NaN)));
    assertEquals(
        "keep fraction must be in (0, 1], got Infinity",
        refusal(() -> KeepFractions.check(Double.POSITIVE_INFINITY)));
  }

  @Test
  void listsHoldAtLeastOneFractionEachInRangeNoneTwice() {
    List<Double> given = new ArrayList<>(List.of(0.9, 0.5));
    List<Double> checked = KeepFractions.checkAll("--fractions", "--fractions: each", given);
    assertEquals(List.of(0.9, 0.5), checked);
    given.clear();
    assertEquals(List.of(0.9, 0.5), checked, "a copy");
    assertEquals(
        "--fractions: give at least one",
        refusal(() -> KeepFractions.checkAll("--fractions", "--fractions: each", List.of())));
    assertEquals(
        "--fractions: each must be in (0, 1], got 1.5",
        refusal(
            () -> KeepFractions.checkAll("--fractions", "--fractions: each", List.of(0.5, 1.5))));
    assertEquals(
        "keep fractions: repeated values in [0.5, 0.7, 0.5]",
        refusal(
            () ->
                KeepFractions.checkAll(
                    KeepFractions.FRACTIONS, KeepFractions.FRACTION, List.of(0.5, 0.7, 0.5))));
  }

  @Test
  void formatsTheShortestDecimalWithoutTrailingZeros() {
    assertEquals("0.9", KeepFractions.format(0.9));
    assertEquals("1", KeepFractions.format(1.0));
    assertEquals("0.25", KeepFractions.format(0.25));
    assertEquals("0.00001", KeepFractions.format(1e-5));
    assertEquals("0.7", KeepFractions.format(0.7));
    assertEquals("keep-0.05", Pruning.folderName(0.05));
  }
}
