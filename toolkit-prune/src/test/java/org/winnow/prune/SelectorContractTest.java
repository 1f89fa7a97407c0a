package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * The one contract every {@link Selector} obeys (scikit-learn's shared estimator checks): the same
 * seed gives the same selection, each class keeps exactly {@code max(1, round(f · n_c))}, so every
 * class stays present, kept ids are unique rows of the input, and groups are consistent.
 */
class SelectorContractTest {

  static final List<Double> FRACTIONS = List.of(0.9, 0.5, 0.1, 1.0);

  static Stream<Arguments> selectors() {
    return Stream.of(
        selector("semantic", seed -> new SemanticSelector(SemanticSelector.Options.defaults())),
        selector(
            "semantic, chunks of 15",
            seed ->
                new SemanticSelector(SemanticSelector.Options.defaults().withMaxClusterSize(15))),
        selector(
            "semantic, FastPair, 1 thread",
            seed ->
                new SemanticSelector(
                    new SemanticSelector.Options(0, 1, 0, CompleteLinkageTree.Engine.FAST_PAIR))),
        selector("random", RandomSelector::new),
        selector(
            "saln, batches of 8",
            seed -> new SpectralSelector(new SpectralSelector.Options(8, true, seed))),
        selector(
            "saln, file order",
            seed -> new SpectralSelector(new SpectralSelector.Options(5, false, seed))));
  }

  private static Arguments selector(String name, LongFunction<Selector> make) {
    return Arguments.of(Named.of(name, make));
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void keepsExactCountsPerClassAndConsistentGroups(LongFunction<Selector> make) {
    EmbeddingSet data = TestSets.uneven(3);
    List<Selection> selections = make.apply(11).select(data, FRACTIONS, Progress.NONE);
    assertEquals(FRACTIONS.size(), selections.size());
    int[][] members = data.members();
    for (int f = 0; f < FRACTIONS.size(); f++) {
      Selection s = selections.get(f);
      assertEquals(FRACTIONS.get(f), s.fraction());
      assertEquals(data.size(), s.size());
      for (int c = 0; c < members.length; c++) {
        int kept = 0;
        Set<Integer> groups = new HashSet<>();
        for (int row : members[c]) {
          kept += s.kept(row) ? 1 : 0;
          groups.add(s.group()[row]);
        }
        int expected = ClassQuota.keep(members[c].length, FRACTIONS.get(f));
        assertEquals(expected, kept, "class " + c + " at " + FRACTIONS.get(f));
        assertTrue(kept >= 1, "every class stays present");
        assertEquals(kept, groups.size(), "one group per kept sample");
      }
      Set<String> keptIds = new HashSet<>();
      for (int row : s.keptRows()) {
        assertTrue(keptIds.add(data.ids().get(row)), "unique");
      }
      assertTrue(data.ids().containsAll(keptIds));
      for (int i = 0; i < s.size(); i++) {
        int rep = s.representative()[i];
        assertTrue(s.kept(rep), "a representative is kept");
        assertEquals(data.labels()[i], data.labels()[rep], "a representative is of the class");
        assertEquals(s.group()[rep], s.group()[i], "a sample is in its representative's group");
        assertTrue(s.dissimilarity()[i] >= 0 && s.dissimilarity()[i] <= 2);
        if (s.kept(i)) {
          assertEquals(0, s.dissimilarity()[i]);
        }
      }
    }
    // f = 1 keeps everything.
    assertEquals(data.size(), selections.get(3).keptRows().length);
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void sameSeedSameSelection(LongFunction<Selector> make) {
    EmbeddingSet data = TestSets.uneven(3);
    List<Selection> a = make.apply(5).select(data, FRACTIONS, Progress.NONE);
    List<Selection> b = make.apply(5).select(data, FRACTIONS, Progress.NONE);
    for (int f = 0; f < FRACTIONS.size(); f++) {
      assertArrayEquals(a.get(f).representative(), b.get(f).representative());
      assertArrayEquals(a.get(f).group(), b.get(f).group());
      assertArrayEquals(a.get(f).dissimilarity(), b.get(f).dissimilarity());
    }
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void onlySeededMethodsDependOnTheSeed(LongFunction<Selector> make) {
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(2, 60, 16, 4, 0.5, 9);
    Selector one = make.apply(1);
    int[] a = one.select(data, List.of(0.5), Progress.NONE).getFirst().keptRows();
    int[] b = make.apply(2).select(data, List.of(0.5), Progress.NONE).getFirst().keptRows();
    if (one.randomSeed().isPresent()) {
      assertNotEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(b));
    } else {
      assertArrayEquals(a, b);
    }
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void rejectsFractionsOutsideZeroToOne(LongFunction<Selector> make) {
    EmbeddingSet data = TestSets.uneven(3);
    for (double bad : new double[] {0, -0.1, 1.01, Double.NaN}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> make.apply(1).select(data, List.of(bad), Progress.NONE));
      assertTrue(e.getMessage().startsWith("keep fraction must be in (0, 1]"), e.getMessage());
    }
    assertFalse(make.apply(1).name().isBlank());
  }
}
