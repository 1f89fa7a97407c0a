package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The nested options: each part validates its own options with the message the command line shows,
 * {@link TrainOptions#describe} writes the manifest keys and values that run folders, result files
 * and {@code --resume} have always used, and the selector registry names what it holds.
 */
class TrainOptionsTest {

  static final Path DATA = Path.of("/data/sample");

  static TrainOptions options() {
    return TrainOptions.defaults(DATA, Path.of("/runs/a"))
        .withRun(r -> r.withDevice(Device.cpu()).withVersion("test"));
  }

  /** The manifest of a default run, as result.json recorded it before the options were nested. */
  @Test
  void theDefaultManifestIsUnchanged() {
    TreeMap<String, String> expected = new TreeMap<>();
    expected.putAll(
        Map.ofEntries(
            Map.entry("arch", "resnet20"),
            Map.entry("augment", "crop,flip"),
            Map.entry("batch_size", "512"),
            Map.entry("data", "/data/sample"),
            Map.entry("device", "cpu()"),
            Map.entry("epochs", "15"),
            Map.entry("filter_ratio", "0.8"),
            Map.entry("format", "auto"),
            Map.entry("image_size", "auto"),
            Map.entry("jest_chunks", "16"),
            Map.entry("keep", ""),
            Map.entry("keep_ids_sha256", ""),
            Map.entry("lr", "0.05"),
            Map.entry("momentum", "0.9"),
            Map.entry("on_bad_image", "fail"),
            Map.entry("precision", "fp32"),
            Map.entry("reference_embeddings", ""),
            Map.entry("reference_model", ""),
            Map.entry("schedule", "one-cycle"),
            Map.entry("seed", "2026"),
            Map.entry("selector", "standard"),
            Map.entry("val_fraction", "0.0"),
            Map.entry("warmup_epochs", "2.25"),
            Map.entry("weight_decay", "5.0E-4")));
    assertEquals(expected, options().describe());
  }

  /**
   * A redundancy curve gives every run the same selector options and varies the name: its standard
   * runs record the SALN embeddings they were given, as they always have.
   */
  @Test
  void aStandardRunRecordsTheSelectorOptionsItWasGiven() {
    TrainOptions curve =
        options()
            .withSelector(
                s ->
                    s.with(FilterRatio.KEY, "0.5")
                        .with(SalnSelector.Options.REFERENCE_EMBEDDINGS, "/e/emb.h5"));
    SortedMap<String, String> standard = curve.describe();
    assertEquals("standard", standard.get("selector"));
    assertEquals("0.5", standard.get("filter_ratio"));
    assertEquals("/e/emb.h5", standard.get("reference_embeddings"));

    SortedMap<String, String> saln = curve.withSelector(s -> s.withName("saln")).describe();
    TreeMap<String, String> expected = new TreeMap<>(standard);
    expected.put("selector", "saln");
    assertEquals(expected, saln);
    assertEquals(
        Map.of("filter_ratio", "0.5", "reference_embeddings", "/e/emb.h5"),
        curve.selector().withName("saln").options().describe());
  }

  @Test
  void eachWitherChangesOnlyItsEntries() {
    SortedMap<String, String> base = options().describe();
    assertEquals(Map.of("seed", "7"), changed(base, options().withRun(r -> r.withSeed(7))));
    assertEquals(
        Map.of("epochs", "2", "warmup_epochs", "0.3"),
        changed(base, options().withRecipe(r -> r.withEpochs(2))));
    assertEquals(
        Map.of("val_fraction", "0.1"),
        changed(base, options().withData(d -> d.withValFraction(0.1))));
    assertEquals(
        Map.of("selector", "random-batch"),
        changed(base, options().withSelector(s -> s.withName("RANDOM_BATCH"))));
    assertEquals(
        Map.of(), changed(base, options().withRun(r -> r.withWorkers(8).withResume(true))));
  }

  private static Map<String, String> changed(SortedMap<String, String> before, TrainOptions after) {
    TreeMap<String, String> out = new TreeMap<>();
    after
        .describe()
        .forEach(
            (k, v) -> {
              if (!v.equals(before.get(k))) {
                out.put(k, v);
              }
            });
    assertEquals(before.keySet(), after.describe().keySet());
    return out;
  }

  @Test
  void jestChunksMustFitTheBatchOnlyForJest() {
    TrainOptions small = options().withRecipe(r -> r.withBatchSize(8));
    assertEquals("16", small.describe().get("jest_chunks"));
    assertMessage(
        "--jest-chunks must be at most --batch-size",
        () -> small.withSelector(s -> s.withName("jest")));
    TrainOptions jest =
        small.withSelector(s -> s.withName("jest").with(JestSelector.Options.CHUNKS, "8"));
    assertMessage(
        "--jest-chunks must be at most --batch-size",
        () -> jest.withRecipe(r -> r.withBatchSize(7)));
  }

  @Test
  void eachOptionIsRefusedWithTheCommandLinesMessage() {
    Recipe recipe = Recipe.defaults();
    assertMessage("--epochs must be at least 1, got 0", () -> recipe.withEpochs(0));
    assertMessage("--batch-size must be at least 1, got 0", () -> recipe.withBatchSize(0));
    assertMessage(
        "--warmup-epochs must be in [0, --epochs]",
        () ->
            recipe
                .withEpochs(2)
                .withSgd(new Sgd(0.1, 0.9, 0, Schedule.COSINE, OptionalDouble.of(2.5))));
    assertMessage(
        "--warmup-epochs must be in [0, --epochs]",
        () -> recipe.withSgd(new Sgd(0.1, 0.9, 0, Schedule.COSINE, OptionalDouble.of(-1))));
    assertMessage(
        "--warmup-epochs must be in [0, --epochs]",
        () ->
            recipe
                .withSgd(new Sgd(0.1, 0.9, 0, Schedule.COSINE, OptionalDouble.of(10)))
                .withEpochs(9));
    assertMessage(
        "--lr must be > 0", () -> new Sgd(0, 0.9, 0, Schedule.CONSTANT, OptionalDouble.empty()));
    assertMessage(
        "--momentum must be in [0, 1), got 1.0",
        () -> new Sgd(0.1, 1, 0, Schedule.CONSTANT, OptionalDouble.empty()));
    assertMessage(
        "--weight-decay must be >= 0",
        () -> new Sgd(0.1, 0.5, -1e-4, Schedule.CONSTANT, OptionalDouble.empty()));
    assertMessage(
        "--val-fraction must be in [0, 1), got 1.0", () -> TrainData.of(DATA).withValFraction(1));
    assertMessage("--workers must be at least 1", () -> options().withRun(r -> r.withWorkers(0)));
  }

  @Test
  void theRegistryNamesDescribesAndFindsItsSelectors() {
    assertEquals(List.of("standard", "saln", "random-batch", "jest"), BatchSelectors.names());
    for (BatchSelectors.Entry e : BatchSelectors.entries()) {
      assertFalse(e.description().isBlank(), e.name());
      assertFalse(e.description().contains("\n"), e.name());
      assertTrue(BatchSelectors.isRegistered(e.name()), e.name());
    }
    assertMessage(
        "wordy: a selector's description is one line of at most 62 characters",
        () -> new BatchSelectors.Entry("wordy", "x".repeat(63), StandardSelector.Options::of));
    assertMessage(
        "two: a selector's description is one line of at most 62 characters",
        () -> new BatchSelectors.Entry("two", "one\ntwo", StandardSelector.Options::of));
    assertTrue(BatchSelectors.isRegistered("Random_Batch"));
    assertEquals("random-batch", BatchSelectors.entry(" RANDOM_BATCH ").name());
    assertFalse(BatchSelectors.isRegistered("semantic"));
    assertMessage(
        "unknown selector 'semantic' (known: standard, saln, random-batch, jest)",
        () -> BatchSelectors.entry("semantic"));
    assertMessage(
        "unknown selector 'semantic' (known: standard, saln, random-batch, jest)",
        () -> SelectorSpec.standard().withName("semantic"));
  }

  private static void assertMessage(String message, Executable e) {
    assertEquals(message, assertThrows(IllegalArgumentException.class, e).getMessage());
  }
}
