package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.nets.Architecture;

class TrainingTest {

  static final Path SAMPLE = TrainTestData.sample();

  @TempDir Path dir;

  /**
   * Measured bar: resnet20, batch 32, 3 epochs of 60 images per class of the sample (600),
   * one-cycle at lr 0.05, crop and flip, reached 0.530 test accuracy (chance 0.10); the bar leaves
   * room for other CPUs' kernels. (The whole 2,000-image sample, batch 64, 4 epochs reached 0.728,
   * but takes minutes on 2 cores.)
   */
  @Test
  void resnet20StandardLearnsTheSample() throws IOException {
    TrainOptions o =
        TrainTestData.small(dir, "run", 60, 32, 3)
            .withRecipe(r -> r.withArchitecture(Architecture.RESNET20));
    TrainResult r = Training.run(o, Progress.NONE);
    List<String> metrics = Files.readAllLines(dir.resolve("run/metrics.csv"));
    assertEquals(4, metrics.size());
    assertEquals(600, r.trainSize());
    assertEquals(3 * 600, r.samplesTrained());
    assertTrue(r.finalTestAccuracy() >= 0.45, "test accuracy " + r.finalTestAccuracy());
  }
}
