package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;

/**
 * A new run that fails in its first epoch (here a full disk, injected through the progress callback
 * the loop calls each step) leaves no header-only {@code metrics.csv} or {@code train.log}: the
 * same command then runs again without {@code --resume}.
 */
class FirstEpochFailureTest {

  @TempDir Path dir;

  /** Fails the first step of epoch 1, once the run has written its header and log. */
  private static Progress diskFullInEpochOne(Path out) {
    return new Progress() {
      private String stage = "";

      @Override
      public void start(String stage, long total) {
        this.stage = stage;
      }

      @Override
      public void advance(long amount) {
        if (stage.startsWith("epoch 1/")) {
          assertTrue(Files.exists(out.resolve(RunFolder.METRICS)), "the header is written");
          assertTrue(Files.exists(out.resolve(RunFolder.LOG)), "the log is begun");
          throw new UncheckedIOException(new IOException("No space left on device"));
        }
      }

      @Override
      public void finish() {}
    };
  }

  @Test
  void theSameCommandRunsAgainAfterAFailedFirstEpoch() throws IOException {
    TrainOptions o = TrainTestData.small(dir, "run", 4, 20, 1);
    Path out = dir.resolve("run");
    TrainingException e =
        assertThrows(TrainingException.class, () -> Training.run(o, diskFullInEpochOne(out)));
    assertEquals(
        out
            + ": cannot write: the disk is full (No space left on device); free some space and run"
            + " the same command again",
        e.getMessage());
    assertFalse(Files.exists(out), "the run folder is taken back");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    TrainOptions inEmpty = TrainTestData.small(dir, "empty", 4, 20, 1);
    assertThrows(TrainingException.class, () -> Training.run(inEmpty, diskFullInEpochOne(empty)));
    try (var s = Files.list(empty)) {
      assertEquals(List.of(), s.toList(), "a folder that existed stays, empty");
    }

    TrainResult r = Training.run(o, Progress.NONE);
    assertEquals(2, Files.readAllLines(out.resolve(RunFolder.METRICS)).size());
    assertEquals(40, r.trainSize());
  }
}
