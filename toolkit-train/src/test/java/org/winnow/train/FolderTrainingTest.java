package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.folder.SyntheticFolders;

/** Folder datasets are decoded by worker threads; images must be square and of one size. */
class FolderTrainingTest {

  @TempDir Path dir;

  @Test
  void trainsOnAFolderDatasetWithoutATestSplit() throws IOException {
    Path data = dir.resolve("pngs");
    SyntheticFolders.writePngs(data, 3, 10, 16, 4);
    TrainResult r =
        Training.run(
            TrainOptions.defaults(data, dir.resolve("run"))
                .withDevice(Device.cpu())
                .withWorkers(2)
                .withBatchSize(10)
                .withEpochs(1),
            Progress.NONE);
    assertEquals(30, r.trainSize());
    assertEquals(30, r.samplesTrained());
    assertTrue(Double.isNaN(r.finalTestAccuracy()));
    // no validation and no test split: both columns empty
    assertTrue(
        Files.readAllLines(dir.resolve("run/metrics.csv"))
            .get(1)
            .matches("1,[^,]+,[^,]+,[^,]+,,,30,.*"));
    assertTrue(
        Files.readString(dir.resolve("run/result.json")).contains("\"final_test_accuracy\": null"));
  }

  @Test
  void refusesImagesThatAreNotSquare() {
    Path data = dir.resolve("jpegs");
    SyntheticFolders.writeJpegs(data, 2, 2, 20, 16, 4);
    TrainingException e =
        assertThrows(
            TrainingException.class,
            () ->
                Training.run(
                    TrainOptions.defaults(data, dir.resolve("run")).withDevice(Device.cpu()),
                    Progress.NONE));
    assertTrue(e.getMessage().contains("training needs square images"), e.getMessage());
  }
}
