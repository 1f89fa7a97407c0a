package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * The one contract every {@link Selector} obeys (scikit-learn's shared estimator checks), run over
 * every method registered in {@link SelectionMethods} (a new registration is checked with no edit
 * here) and over named variants of their options: the same seed gives the same selection, only
 * seeded methods depend on the seed, each class keeps exactly {@code max(1, round(f · n_c))} (an
 * empty class none, a class of one its sample), kept ids are unique rows of the input, groups are
 * consistent, the manifest names the method and its settings, and a bad option value is refused
 * with a message naming the option.
 *
 * <p>A method whose count is an outcome ({@link SelectionMethod.Count#OUTCOME}: {@code semdedup}
 * drops the duplicates it finds) is held to what does hold for it instead of the exact per-class
 * counts: every non-empty class keeps at least one sample, a class of one keeps its sample, the
 * total is the nearest to {@code round(f · n)} any threshold the search met gave (checked here
 * against a tolerance), keep 1 keeps everything; a representative may be of another class when the
 * method is label-free.
 */
class SelectorContractTest {

  static final List<Double> FRACTIONS = List.of(0.9, 0.5, 0.1, 1.0);

  @TempDir Path dir;

  /** Every registered method. */
  static Stream<Arguments> methods() {
    return SelectionMethods.all().stream().map(m -> Arguments.of(Named.of(m.name(), m)));
  }

  /** Every registered method at its defaults, then variants of their options. */
  static Stream<Arguments> selectors() {
    Stream<Arguments> registered =
        SelectionMethods.all().stream()
            .map(m -> selector(m.name(), seed -> m.create(OptionValues.defaults(), seed)));
    Stream<Arguments> variants =
        Stream.of(
            selector(
                "semantic, chunks of 15",
                seed ->
                    new SemanticSelector(
                        SemanticSelector.Options.defaults().withMaxClusterSize(15))),
            selector(
                "semantic, FastPair, 1 thread",
                seed ->
                    new SemanticSelector(
                        new SemanticSelector.Options(
                            0, 1, 0, CompleteLinkageTree.Engine.FAST_PAIR))),
            selector("random, constructed", RandomSelector::new),
            selector(
                "saln, batches of 8",
                seed -> new SpectralSelector(new SpectralSelector.Options(8, true, seed))),
            selector(
                "saln, file order",
                seed -> new SpectralSelector(new SpectralSelector.Options(5, false, seed))),
            selector(
                "prototype, 3 clusters per class, easy",
                seed ->
                    new PrototypeSelector(
                        new PrototypeSelector.Options(
                            3,
                            PrototypeSelector.Scope.CLASS,
                            PrototypeSelector.Prefer.EASY,
                            seed))),
            selector(
                "semdedup, within class, 3 clusters, random order",
                seed ->
                    new SemDeDupSelector(
                        new SemDeDupSelector.Options(
                            3, SemDeDupSelector.Prefer.RANDOM, List.of(), true, seed))),
            selector(
                "semdedup, 1 cluster, easy",
                seed ->
                    new SemDeDupSelector(
                        new SemDeDupSelector.Options(
                            1, SemDeDupSelector.Prefer.EASY, List.of(), false, seed))),
            selector(
                "prototype, global, 5 clusters, hard",
                seed ->
                    new PrototypeSelector(
                        new PrototypeSelector.Options(
                            5,
                            PrototypeSelector.Scope.GLOBAL,
                            PrototypeSelector.Prefer.HARD,
                            seed))));
    return Stream.concat(registered, variants);
  }

  private static Arguments selector(String name, LongFunction<Selector> make) {
    return Arguments.of(Named.of(name, make));
  }

  /** Whether the selector's method keeps exact per-class counts. */
  private static boolean exact(Selector selector) {
    return SelectionMethods.named(selector.name()).count() == SelectionMethod.Count.EXACT;
  }

  /**
   * How far an outcome-count method's total may be from {@code round(f · n)} on the small test
   * sets: a few samples (one threshold step can drop several) and the classes it must keep.
   */
  private static int tolerance(EmbeddingSet data) {
    return 3 + data.classNames().size();
  }

  @ParameterizedTest
  @MethodSource("selectors")
  void keepsExactCountsPerClassAndConsistentGroups(LongFunction<Selector> make) {
    EmbeddingSet data = TestSets.uneven(3);
    Selector selector = make.apply(11);
    boolean exact = exact(selector);
    List<Selection> selections = selector.select(data, FRACTIONS, Progress.NONE);
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
        if (exact) {
          assertEquals(expected, kept, "class " + c + " at " + FRACTIONS.get(f));
          if (s.kind() == Selection.Kind.REPRESENTATIVE) {
            assertEquals(kept, groups.size(), "one group per kept sample");
          }
        } else {
          assertTrue(groups.size() >= kept, "each kept sample has its own group");
        }
        assertTrue(kept >= 1, "every class stays present");
      }
      Set<Integer> allGroups = new HashSet<>();
      for (int g : s.group()) {
        allGroups.add(g);
      }
      if (!exact) {
        int target = (int) Math.round(FRACTIONS.get(f) * data.size());
        int total = s.keptRows().length;
        assertTrue(
            Math.abs(total - target) <= tolerance(data),
            total + " kept, " + target + " asked at " + FRACTIONS.get(f));
        assertEquals(total, allGroups.size(), "one group per kept sample");
      }
      Set<String> keptIds = new HashSet<>();
      for (int row : s.keptRows()) {
        assertTrue(keptIds.add(data.ids().get(row)), "unique");
      }
      assertTrue(data.ids().containsAll(keptIds));
      for (int i = 0; i < s.size(); i++) {
        int rep = s.representative()[i];
        assertTrue(s.kept(rep), "a representative is kept");
        if (exact || selector.settings().getOrDefault("within_class", "true").equals("true")) {
          assertEquals(data.labels()[i], data.labels()[rep], "a representative is of the class");
        }
        assertTrue(s.dissimilarity()[i] >= 0 && s.dissimilarity()[i] <= 2);
        if (s.kind() == Selection.Kind.REPRESENTATIVE) {
          assertEquals(s.group()[rep], s.group()[i], "a sample is in its representative's group");
          if (s.kept(i)) {
            assertEquals(0, s.dissimilarity()[i]);
          }
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
    // Classes of 600: more than two of SALN's default batches, so its shuffle matters.
    EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(2, 600, 16, 4, 0.5, 9);
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

  @ParameterizedTest
  @MethodSource("selectors")
  void anEmptyClassKeepsNothingAndAClassOfOneKeepsItsSample(LongFunction<Selector> make) {
    // Classes of 30, 0 (a class name without samples), 12 and 1.
    EmbeddingSet data =
        TestSets.subset(
            SyntheticEmbeddings.gaussianClusters(4, 30, 16, 3, 0.5, 4), new int[] {30, 0, 12, 1});
    assertEquals(4, data.classNames().size());
    int single = data.members()[3][0];
    Selector selector = make.apply(3);
    List<Selection> selections = selector.select(data, FRACTIONS, Progress.NONE);
    for (int f = 0; f < FRACTIONS.size(); f++) {
      Selection s = selections.get(f);
      int[] kept = new int[4];
      for (int row : s.keptRows()) {
        kept[data.labels()[row]]++;
      }
      double fraction = FRACTIONS.get(f);
      if (exact(selector)) {
        assertArrayEquals(
            new int[] {ClassQuota.keep(30, fraction), 0, ClassQuota.keep(12, fraction), 1},
            kept,
            "at " + fraction);
      } else {
        assertTrue(kept[0] >= 1 && kept[2] >= 1, "at " + fraction);
        assertEquals(0, kept[1]);
        assertEquals(1, kept[3]);
      }
      assertTrue(s.kept(single), "a class of one keeps its sample at " + fraction);
      if (s.kind() == Selection.Kind.REPRESENTATIVE) {
        if (exact(selector)) {
          assertEquals(0, s.group()[single]);
        }
        assertEquals(0, s.dissimilarity()[single]);
      } else {
        // A difficulty: 0 to its own class's centroid, more to a cluster over all samples.
        assertTrue(s.dissimilarity()[single] >= 0 && s.dissimilarity()[single] <= 2);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("methods")
  void theManifestNamesTheMethodAndItsSettings(SelectionMethod method) throws IOException {
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(file, TestSets.uneven(3));
    Selector selector = method.create(OptionValues.defaults(), 17);
    assertEquals(method.name(), selector.name(), "the selector is named as registered");
    Pruning.run(
        new Pruning.Request(file, selector, List.of(0.5, 0.9), dir.resolve("out"), false, "1"),
        Progress.NONE);
    String summary = Files.readString(dir.resolve("out/keep-0.5/summary.json"));
    TreeMap<String, String> expected = new TreeMap<>(selector.settings(List.of(0.5, 0.9)));
    expected.put("method", method.name());
    expected.put("keep", "0.5,0.9");
    assertEquals(expected, manifestOptions(summary));
    assertTrue(summary.contains("\n  \"method\": \"" + method.name() + "\",\n"), summary);
    String seed = selector.randomSeed().isPresent() ? "17" : "null";
    assertTrue(summary.contains("\n    \"seed\": " + seed + ",\n"), summary);
  }

  /** The {@code options} of the manifest in a {@code summary.json}. */
  private static TreeMap<String, String> manifestOptions(String summary) {
    Matcher block =
        Pattern.compile("\"options\": \\{\n(.*?)\n? *}", Pattern.DOTALL).matcher(summary);
    assertTrue(block.find(), summary);
    TreeMap<String, String> options = new TreeMap<>();
    Matcher member = Pattern.compile("\"([^\"]+)\": \"([^\"]*)\"").matcher(block.group(1));
    while (member.find()) {
      options.put(member.group(1), member.group(2));
    }
    return options;
  }

  @ParameterizedTest
  @MethodSource("methods")
  void badOptionValuesAreRefusedNamingTheOption(SelectionMethod method) {
    for (MethodOption option : method.options()) {
      String wrongKind = option.isFlag() ? "maybe" : "x";
      MethodOption.InvalidValue e =
          assertThrows(
              MethodOption.InvalidValue.class,
              () -> method.create(OptionValues.defaults().with(option, wrongKind), 1));
      assertEquals(option.name(), e.option());
      assertTrue(e.getMessage().startsWith(option.name() + " "), e.getMessage());
      assertTrue(e.getMessage().contains("'" + wrongKind + "'"), e.getMessage());
      // Any whole number is taken or refused with a message naming the option, nothing else.
      for (String value : List.of("-1", "0", "1", "2", "2147483647", "-2147483648")) {
        if (!option.isFlag()) {
          try {
            method.create(OptionValues.defaults().with(option, value), 1);
          } catch (MethodOption.InvalidValue refused) {
            assertEquals(option.name(), refused.option(), value);
          }
        }
      }
    }
  }

  @Test
  void outOfRangeValuesGiveTheMessagesTheCommandLineShows() {
    assertEquals(
        "--batch-size must be at least 2, got 1",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    SpectralSelector.METHOD.create(
                        OptionValues.defaults().with(SpectralSelector.BATCH_SIZE, "1"), 1))
            .getMessage());
    for (String bad : List.of("1", "-3", "46341")) {
      assertEquals(
          "--max-cluster-size must be 0 (no limit) or in [2, 46340], got " + bad,
          assertThrows(
                  IllegalArgumentException.class,
                  () ->
                      SemanticSelector.METHOD.create(
                          OptionValues.defaults().with(SemanticSelector.MAX_CLUSTER_SIZE, bad), 1))
              .getMessage());
    }
    // The registry checks every method's options, whichever is chosen.
    OptionValues batchOfOne = OptionValues.defaults().with(SpectralSelector.BATCH_SIZE, "1");
    assertThrows(MethodOption.InvalidValue.class, () -> SelectionMethods.check(batchOfOne));
    assertThrows(
        MethodOption.InvalidValue.class, () -> new MethodSpec(SpectralSelector.METHOD, batchOfOne));
    assertEquals(
        new SemanticSelector(SemanticSelector.Options.defaults().withMaxClusterSize(20_000)),
        new MethodSpec(
                SemanticSelector.METHOD,
                OptionValues.defaults().with(SemanticSelector.MAX_CLUSTER_SIZE, "20000"))
            .create(5));
    assertEquals(
        new SpectralSelector(new SpectralSelector.Options(64, false, 9)),
        SpectralSelector.METHOD.create(
            OptionValues.defaults()
                .with(SpectralSelector.BATCH_SIZE, "64")
                .with(SpectralSelector.NO_SHUFFLE, "true"),
            9));
  }

  @Test
  void variantsAreTheMethodWithOneChoiceSetThatItAccepts() {
    assertEquals(
        List.of("prototype-global", "prototype-easy", "prototype-hard"),
        SelectionMethods.variants(PrototypeSelector.METHOD));
    assertEquals(List.of(), SelectionMethods.variants(RandomSelector.METHOD));
    MethodSpec easy = SelectionMethods.spec(" Prototype-EASY ").orElseThrow();
    assertEquals("prototype-easy", easy.name());
    assertEquals(PrototypeSelector.METHOD, easy.method());
    assertEquals(
        new PrototypeSelector(
            new PrototypeSelector.Options(
                0, PrototypeSelector.Scope.CLASS, PrototypeSelector.Prefer.EASY, 3)),
        PrototypeSelector.METHOD.create(easy.options(), 3));
    assertEquals("prototype-easy", easy.create(3).name());
    assertEquals("prototype", SelectionMethods.spec("prototype").orElseThrow().create(3).name());
    // prototype refuses --prefer random: no variant; nor for a method without that option.
    assertTrue(SelectionMethods.spec("prototype-random").isEmpty());
    assertTrue(SelectionMethods.spec("semantic-easy").isEmpty());
    assertEquals(
        "unknown method 'prototype-random' (known: "
            + String.join(", ", SelectionMethods.spellings())
            + ")",
        assertThrows(
                IllegalArgumentException.class,
                () -> SelectionMethods.spec("prototype-random", OptionValues.defaults()))
            .getMessage());

    // Options given with a variant: the same value is fine, another contradicts it.
    OptionValues hard = OptionValues.defaults().with(KMeansOptions.PREFER, "hard");
    assertEquals(
        "--prefer is easy in --method prototype-easy, got 'hard'",
        assertThrows(
                MethodOption.InvalidValue.class,
                () -> SelectionMethods.spec("prototype-easy", hard))
            .getMessage());
    MethodSpec both =
        SelectionMethods.spec(
            "prototype-global",
            OptionValues.defaults()
                .with(PrototypeSelector.SCOPE, "Global")
                .with(KMeansOptions.PREFER, "hard")
                .with(KMeansOptions.CLUSTERS, "3"));
    assertEquals(
        new PrototypeSelector(
            new PrototypeSelector.Options(
                3, PrototypeSelector.Scope.GLOBAL, PrototypeSelector.Prefer.HARD, 5)),
        both.method().create(both.options(), 5));
    assertEquals("prototype-global", both.create(5).name());
    assertThrows(
        MethodOption.InvalidValue.class,
        () ->
            SelectionMethods.spec(
                "prototype-hard", OptionValues.defaults().with(KMeansOptions.CLUSTERS, "0")));

    // A spelling two ways is refused when the registry is built.
    SelectionMethod clash =
        new SelectionMethod(
            "prototype-easy", "x", "x", List.of(), (v, seed) -> new RandomSelector(seed));
    assertEquals(
        "'prototype-easy' names two methods or variants",
        assertThrows(
                IllegalStateException.class,
                () -> SelectionMethods.spellings(List.of(PrototypeSelector.METHOD, clash)))
            .getMessage());
  }

  @Test
  void theRegistryNamesEachMethodOnceAndSharesOptions() {
    List<String> names = SelectionMethods.names();
    assertEquals(names.size(), new HashSet<>(names).size());
    for (SelectionMethod m : SelectionMethods.all()) {
      assertEquals(m, SelectionMethods.named(" " + m.name().toUpperCase(java.util.Locale.ROOT)));
      assertEquals(m.name(), m.create(1).name());
      assertFalse(m.description().isBlank());
      for (MethodOption o : m.options()) {
        assertTrue(SelectionMethods.options().contains(o));
        assertTrue(SelectionMethods.readers(o).contains(m.name()));
      }
    }
    assertEquals(List.of("semantic", "random", "saln"), names.subList(0, 3));
    assertEquals(
        "unknown method 'kmeans' (known: " + String.join(", ", names) + ")",
        assertThrows(IllegalArgumentException.class, () -> SelectionMethods.named("kmeans"))
            .getMessage());

    // An option two methods read is one declaration; two declarations of one name are refused.
    MethodOption shared = new MethodOption("--width", "N", "3", "w.");
    SelectionMethod a =
        new SelectionMethod("a", "a", "a", List.of(shared), (v, seed) -> new RandomSelector(seed));
    SelectionMethod b =
        new SelectionMethod("b", "b", "b", List.of(shared), (v, seed) -> new RandomSelector(seed));
    assertEquals(List.of("--width"), List.copyOf(SelectionMethods.options(List.of(a, b)).keySet()));
    SelectionMethod c =
        new SelectionMethod(
            "c",
            "c",
            "c",
            List.of(new MethodOption("--width", "N", "4", "w.")),
            (v, seed) -> new RandomSelector(seed));
    IllegalStateException twice =
        assertThrows(IllegalStateException.class, () -> SelectionMethods.options(List.of(a, c)));
    assertEquals("--width is declared twice, differently; share one constant", twice.getMessage());
    assertThrows(IllegalStateException.class, () -> SelectionMethods.options(List.of(a, a)));
  }
}
