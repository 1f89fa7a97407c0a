package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SelectionMethods#check}: the chosen method judges every value it reads, and a value it
 * does not read must suit some method that reads it.
 */
class SelectionMethodsCheckTest {

  private static OptionValues prefer(String value) {
    return OptionValues.defaults().with(KMeansOptions.PREFER, value);
  }

  @Test
  void theChosenMethodRefusesAValueOnlyAnotherMethodTakes() {
    MethodOption.InvalidValue e =
        assertThrows(
            MethodOption.InvalidValue.class,
            () -> SelectionMethods.check(prefer("random"), List.of(PrototypeSelector.METHOD)));
    assertEquals("--prefer", e.option());
    assertEquals("must be one of easy|hard|auto, got 'random'", e.problem());
  }

  @Test
  void theMethodThatTakesTheValueAcceptsIt() {
    OptionValues v = prefer("random");
    assertSame(v, SelectionMethods.check(v, List.of(SemDeDupSelector.METHOD)));
  }

  @Test
  void aValueTheChosenMethodDoesNotReadNeedsOneReaderThatTakesIt() {
    // semantic reads no --prefer: random suits semdedup, easy suits both readers.
    OptionValues random = prefer("random");
    assertSame(random, SelectionMethods.check(random, List.of(SemanticSelector.METHOD)));
    OptionValues easy = prefer("easy");
    assertSame(easy, SelectionMethods.check(easy, List.of(SemanticSelector.METHOD)));
    MethodOption.InvalidValue e =
        assertThrows(
            MethodOption.InvalidValue.class,
            () -> SelectionMethods.check(prefer("medium"), List.of(SemanticSelector.METHOD)));
    assertEquals("--prefer", e.option());
  }

  @Test
  void clustersIsAWholeNumberOrAuto() {
    for (String bad : List.of("0", "-3", "many", "1.5")) {
      OptionValues v = OptionValues.defaults().with(KMeansOptions.CLUSTERS, bad);
      MethodOption.InvalidValue e =
          assertThrows(MethodOption.InvalidValue.class, () -> KMeansOptions.clusters(v), bad);
      assertEquals("--clusters", e.option());
    }
    assertEquals(0, KMeansOptions.clusters(OptionValues.defaults()));
    assertEquals(
        7, KMeansOptions.clusters(OptionValues.defaults().with(KMeansOptions.CLUSTERS, " 7 ")));
    assertEquals(245, KMeansOptions.autoClusters(60_000));
    assertEquals(1, KMeansOptions.autoClusters(0));
  }
}
