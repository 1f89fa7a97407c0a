package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ClassQuotaTest {

  @Test
  void roundsHalfUpOnTheDecimalFractionWithAtLeastOne() {
    assertEquals(5, ClassQuota.keep(5, 0.9)); // 4.5 rounds up
    assertEquals(4500, ClassQuota.keep(5000, 0.9));
    assertEquals(7, ClassQuota.keep(10, 0.7)); // 7.000000000000001 in binary doubles
    assertEquals(1, ClassQuota.keep(3, 0.01));
    assertEquals(1, ClassQuota.keep(1, 0.5));
    assertEquals(3, ClassQuota.keep(3, 1.0));
    assertEquals(0, ClassQuota.keep(0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> ClassQuota.keep(3, 0));
    assertThrows(IllegalArgumentException.class, () -> ClassQuota.keep(3, 1.5));
  }

  @Test
  void distributesByLargestRemainderWithinCapacity() {
    assertArrayEquals(new int[] {3, 3, 1}, ClassQuota.distribute(7, new int[] {10, 10, 3}, false));
    assertArrayEquals(new int[] {1, 1, 1}, ClassQuota.distribute(3, new int[] {10, 10, 3}, true));
    assertArrayEquals(new int[] {2, 1}, ClassQuota.distribute(3, new int[] {4, 4}, false));
    assertArrayEquals(new int[] {4, 4}, ClassQuota.distribute(8, new int[] {4, 4}, false));
    assertArrayEquals(new int[] {0, 0}, ClassQuota.distribute(0, new int[] {4, 4}, false));
    assertThrows(
        IllegalArgumentException.class, () -> ClassQuota.distribute(9, new int[] {4, 4}, false));
    assertThrows(
        IllegalArgumentException.class, () -> ClassQuota.distribute(1, new int[] {4, 4}, true));
  }
}
