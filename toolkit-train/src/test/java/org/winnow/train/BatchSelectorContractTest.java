package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * The one contract every registered {@link BatchSelector} obeys (scikit-learn's shared estimator
 * checks), run over {@link BatchSelectors#names()}: each step trains on exactly {@code
 * picks(candidates)} rows, ascending, unique and among the candidates, also for an empty group and
 * a group of one; the same seed gives the same choices, planned ahead or not; missing inputs are
 * refused naming the option; and the spec's manifest entries round-trip.
 *
 * <p>Data: 63 training rows (3 classes of 21 synthetic unit embeddings, for SALN), batch 8, filter
 * ratio 0.5, so every epoch ends in a smaller group; JEST's reference and learner losses are fixed
 * functions of the row.
 */
class BatchSelectorContractTest {

  static final int ROWS = 63;
  static final int BATCH = 8;
  static final long SEED = 11;
  static final Path EMBEDDINGS = Path.of("reference.h5");
  static final Path MODEL = Path.of("reference-run");

  static List<String> names() {
    return BatchSelectors.names();
  }

  /** A run of {@link #ROWS} rows that hands out synthetic reference inputs. */
  record FakeRun(int batchSize, long seed, List<Path> asked) implements SelectorContext {

    FakeRun() {
      this(BATCH, SEED, new ArrayList<>());
    }

    @Override
    public float[][] referenceFeatures(Path embeddings) {
      asked.add(embeddings);
      return SyntheticEmbeddings.gaussianClusters(3, ROWS / 3, 6, 2, 0.3, 5).vectors();
    }

    @Override
    public float[] referenceLosses(Path model) {
      asked.add(model);
      float[] loss = new float[ROWS];
      for (int i = 0; i < ROWS; i++) {
        loss[i] = (i * 7 % 11) / 4f;
      }
      return loss;
    }
  }

  /** The learner's loss: a fixed function of the row, which must be a candidate. */
  static BatchSelector.LearnerLoss learner(int[] candidates) {
    return rows -> {
      Set<Integer> allowed = new HashSet<>();
      Arrays.stream(candidates).forEach(allowed::add);
      float[] out = new float[rows.length];
      for (int i = 0; i < rows.length; i++) {
        assertTrue(allowed.contains(rows[i]), "learner asked for non-candidate row " + rows[i]);
        out[i] = (rows[i] * 5 % 13) / 3f;
      }
      return out;
    };
  }

  static SelectorSpec spec(String name) {
    return new SelectorSpec(
        name,
        Map.of(
            FilterRatio.KEY,
            "0.5",
            JestSelector.Options.CHUNKS,
            "3",
            SalnSelector.Options.REFERENCE_EMBEDDINGS,
            EMBEDDINGS.toString(),
            JestSelector.Options.REFERENCE_MODEL,
            MODEL.toString()));
  }

  /** An epoch's candidate groups, as the training loop cuts them. */
  static List<int[]> groups(int epoch, int perStep) {
    int[] order = new int[ROWS];
    Arrays.setAll(order, i -> i);
    SplittableRandom r = new SplittableRandom(100 + epoch);
    for (int i = ROWS - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    List<int[]> out = new ArrayList<>();
    for (int start = 0; start < ROWS; start += perStep) {
      out.add(Arrays.copyOfRange(order, start, Math.min(ROWS, start + perStep)));
    }
    return out;
  }

  /** Two epochs, each planned, then selected step by step. */
  static List<int[]> epochs(BatchSelector s, boolean plan) {
    List<int[]> chosen = new ArrayList<>();
    for (int epoch = 0; epoch < 2; epoch++) {
      List<int[]> steps = groups(epoch, s.candidatesPerStep());
      if (plan) {
        s.plan(epoch, steps);
      }
      for (int step = 0; step < steps.size(); step++) {
        chosen.add(s.select(epoch, step, steps.get(step), learner(steps.get(step))));
      }
    }
    return chosen;
  }

  static void assertPicks(BatchSelector s, int[] candidates, int[] picked) {
    assertEquals(s.picks(candidates.length), picked.length, "picks(" + candidates.length + ")");
    Set<Integer> allowed = new HashSet<>();
    Arrays.stream(candidates).forEach(allowed::add);
    for (int i = 0; i < picked.length; i++) {
      assertTrue(allowed.contains(picked[i]), picked[i] + " is not a candidate");
      if (i > 0) {
        assertTrue(
            picked[i - 1] < picked[i], "not ascending and unique: " + Arrays.toString(picked));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void everyStepPicksExactlyItsCountOfCandidatesAscendingAndUnique(String name) {
    try (BatchSelector s = spec(name).options().create(new FakeRun())) {
      int per = s.candidatesPerStep();
      assertTrue(per >= BATCH, "candidatesPerStep " + per);
      assertTrue(s.picks(per) <= BATCH, "a full group trains on at most the batch size");
      for (int k = 0; k <= per; k++) {
        assertTrue(s.picks(k) >= 0 && s.picks(k) <= k, "picks(" + k + ") = " + s.picks(k));
        assertTrue(k == 0 || s.picks(k) >= s.picks(k - 1), "picks is not monotone at " + k);
      }
      for (int epoch = 0; epoch < 2; epoch++) {
        List<int[]> steps = groups(epoch, per);
        assertTrue(steps.getLast().length < per, "the last group is smaller");
        s.plan(epoch, steps);
        for (int step = 0; step < steps.size(); step++) {
          int[] c = steps.get(step);
          assertPicks(s, c, s.select(epoch, step, c, learner(c)));
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void theSameSeedChoosesTheSamePlannedOrNot(String name) {
    try (BatchSelector a = spec(name).options().create(new FakeRun());
        BatchSelector b = spec(name).options().create(new FakeRun());
        BatchSelector unplanned = spec(name).options().create(new FakeRun())) {
      List<int[]> first = epochs(a, true);
      List<int[]> second = epochs(b, true);
      List<int[]> third = epochs(unplanned, false);
      assertEquals(first.size(), second.size());
      for (int i = 0; i < first.size(); i++) {
        assertArrayEquals(first.get(i), second.get(i), "step " + i);
        assertArrayEquals(first.get(i), third.get(i), "step " + i + " without planning");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void anEmptyGroupAndAGroupOfOne(String name) {
    try (BatchSelector s = spec(name).options().create(new FakeRun())) {
      int[] none = s.select(0, 0, new int[0], learner(new int[0]));
      assertEquals(0, s.picks(0));
      assertEquals(0, none.length);
      int[] one = {17};
      assertPicks(s, one, s.select(0, 1, one, learner(one)));
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void missingInputsAreRefusedNamingTheOption(String name) {
    SelectorOptions given = spec(name).options();
    given.requireInputs();
    FakeRun run = new FakeRun();
    given.create(run).close();
    for (Path p : run.asked()) {
      assertTrue(p.equals(EMBEDDINGS) || p.equals(MODEL), "asked for " + p);
    }

    SelectorOptions bare = new SelectorSpec(name, Map.of()).options();
    if (run.asked().isEmpty()) {
      bare.requireInputs();
      bare.create(new FakeRun()).close();
      return;
    }
    TrainingException early = assertThrows(TrainingException.class, bare::requireInputs);
    assertTrue(
        early.getMessage().startsWith("--selector " + name + " needs --"), early.getMessage());
    TrainingException late =
        assertThrows(TrainingException.class, () -> bare.create(new FakeRun()));
    assertEquals(early.getMessage(), late.getMessage());
  }

  @ParameterizedTest
  @MethodSource("names")
  void theManifestRecordsEverySelectorOptionAndReadsBack(String name) {
    SelectorSpec spec = spec(name);
    SortedMap<String, String> m = spec.describe();
    assertEquals(
        new TreeMap<>(
            Map.of(
                "selector",
                name,
                "filter_ratio",
                "0.5",
                "jest_chunks",
                "3",
                "reference_embeddings",
                EMBEDDINGS.toAbsolutePath().toString(),
                "reference_model",
                MODEL.toAbsolutePath().toString())),
        m);
    spec.options().describe().forEach((k, v) -> assertEquals(m.get(k), v, k));

    TreeMap<String, String> options = new TreeMap<>(m);
    options.remove("selector");
    SelectorSpec read = new SelectorSpec(m.get("selector"), options);
    assertEquals(m, read.describe());
    assertEquals(spec.options().describe(), read.options().describe());

    SortedMap<String, String> defaults = new SelectorSpec(name, Map.of()).describe();
    assertEquals(m.keySet(), defaults.keySet());
    assertEquals("0.8", defaults.get("filter_ratio"));
    assertEquals("16", defaults.get("jest_chunks"));
    assertEquals("", defaults.get("reference_embeddings"));
    assertEquals("", defaults.get("reference_model"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void badOptionsAreRefusedWhateverTheSelector(String name) {
    for (String ratio : List.of("1.0", "-0.1", "NaN")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new SelectorSpec(name, Map.of(FilterRatio.KEY, ratio)));
      assertEquals(
          "--filter-ratio must be in [0, 1), got " + Double.parseDouble(ratio), e.getMessage());
    }
    IllegalArgumentException chunks =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SelectorSpec(name, Map.of(JestSelector.Options.CHUNKS, "0")));
    assertEquals("--jest-chunks must be at least 1", chunks.getMessage());
    IllegalArgumentException text =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SelectorSpec(name, Map.of(FilterRatio.KEY, "half")));
    assertEquals("selector option filter_ratio: not a number: 'half'", text.getMessage());
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SelectorSpec(name, Map.of("filter_ration", "0.5")));
    assertTrue(unknown.getMessage().startsWith("unknown selector option 'filter_ration'"));
    assertFalse(unknown.getMessage().contains("selector,"), unknown.getMessage());
  }
}
