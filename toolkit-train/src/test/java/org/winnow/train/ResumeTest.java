package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;

/**
 * Seeded reproducibility and exact resumption, on 100 samples, batch 25, 2 epochs, with every
 * augmentation switched on.
 */
class ResumeTest {

  static final Path SAMPLE = TrainTestData.sample();

  @TempDir Path dir;

  private TrainOptions tiny(String name) {
    return TrainTestData.small(dir, name, 10, 25, 2)
        .withRecipe(r -> r.withAugment(Augmentation.parse("crop,flip,rotate15,jitter")))
        .withData(d -> d.withValFraction(0.02));
  }

  /** Throws as epoch 2 starts, as a kill -9 there would stop the run. */
  static final Progress KILL_AT_EPOCH_2 =
      new Progress() {
        @Override
        public void start(String stage, long total) {
          if (stage.startsWith("epoch 2/")) {
            throw new IllegalStateException("killed");
          }
        }

        @Override
        public void advance(long amount) {}

        @Override
        public void finish() {}
      };

  /** metrics.csv without the timing columns (the last two). */
  static List<String> withoutTimes(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.csv")).stream()
        .map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1)))
        .toList();
  }

  @Test
  void sameSeedSameMetricsAndAKilledRunResumesToTheSameMetrics() throws IOException {
    Training.run(tiny("a"), Progress.NONE);
    Training.run(tiny("b"), Progress.NONE);
    List<String> a = withoutTimes(dir.resolve("a"));
    assertEquals(3, a.size());
    assertEquals(a, withoutTimes(dir.resolve("b")));

    // "Kill" run c as epoch 2 starts: epoch 1's checkpoint and metrics are on disk.
    assertThrows(IllegalStateException.class, () -> Training.run(tiny("c"), KILL_AT_EPOCH_2));
    assertEquals(a.subList(0, 2), withoutTimes(dir.resolve("c")));
    assertFalse(Files.exists(dir.resolve("c/result.json")));

    TrainingException used =
        assertThrows(TrainingException.class, () -> Training.run(tiny("c"), Progress.NONE));
    assertTrue(used.getMessage().contains("--resume"), used.getMessage());
    TrainingException changed =
        assertThrows(
            TrainingException.class,
            () ->
                Training.run(
                    tiny("c").withRun(r -> r.withResume(true).withSeed(7)), Progress.NONE));
    assertTrue(changed.getMessage().contains("seed 2026 -> 7"), changed.getMessage());

    TrainResult resumed = Training.run(tiny("c").withRun(r -> r.withResume(true)), Progress.NONE);
    assertEquals(a, withoutTimes(dir.resolve("c")));
    // The validation set is 2% of each class of the whole train split (4 of 200); kept ids that
    // fall
    // into it are not trained on.
    assertTrue(resumed.trainSize() < 100 && resumed.trainSize() > 80, "" + resumed.trainSize());
    assertEquals(2L * resumed.trainSize(), resumed.samplesTrained());
    assertTrue(Files.exists(dir.resolve("c/result.json")));
  }
}
