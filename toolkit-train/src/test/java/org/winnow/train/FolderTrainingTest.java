package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.folder.SyntheticFolders;
import org.winnow.nets.Checkpoints;

/**
 * Folder datasets stream: worker threads decode each step's images, resized to the input size,
 * through a bounded queue ({@link StreamedImages}); images may have any size and shape.
 */
class FolderTrainingTest {

  @TempDir Path dir;

  @Test
  void trainsOnAFolderDatasetWithoutATestSplit() throws IOException {
    Path data = dir.resolve("pngs");
    SyntheticFolders.writePngs(data, 3, 10, 16, 4);
    TrainResult r =
        Training.run(options(data, "run").withRecipe(o -> o.withEpochs(1)), Progress.NONE);
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

  /**
   * 3 classes of 6 square 16 px PNGs and 4 landscape 24×18 JPEGs each; the input size is the first
   * image's shorter side, 16. A 20% validation split (2 per class) streams too.
   */
  @Test
  void mixedSizesTrainOnExactlyTheTrainingSamplesAndStreamValidation() throws IOException {
    Path data = mixedSizes();
    TrainResult r =
        Training.run(
            options(data, "run")
                .withRecipe(o -> o.withEpochs(1))
                .withData(d -> d.withValFraction(0.2)),
            Progress.NONE);
    assertEquals(24, r.trainSize());
    assertEquals(24, r.samplesTrained());
    String row = Files.readAllLines(dir.resolve("run/metrics.csv")).get(1);
    assertTrue(row.matches("1,[^,]+,[^,]+,[^,]+,[0-9.]+,,24,.*"), row);
  }

  /**
   * {@code --image-size} resizes every image (shorter side) and centre-crops it to the network's
   * input: 16 px squares and 24×18 JPEGs train at 12 px, and the checkpoint records 12 for embed. A
   * binary dataset at another size than its own streams the same way: the 28 px IDX sample at 16
   * px.
   */
  @Test
  void imageSizeSetsTheNetworkInputForFoldersAndBinaryDatasets() throws IOException {
    TrainResult folder =
        Training.run(
            options(mixedSizes(), "small")
                .withRecipe(o -> o.withEpochs(1))
                .withData(d -> d.withImageSize(OptionalInt.of(12))),
            Progress.NONE);
    assertEquals(30, folder.samplesTrained());
    assertEquals(12, Checkpoints.readInfo(dir.resolve("small")).spec().imageSize());
    assertTrue(
        Files.readString(dir.resolve("small/result.json")).contains("\"image_size\": \"12\""));

    TrainOptions idx =
        TrainTestData.small(dir, "idx", 4, 10, 1)
            .withData(d -> d.withImageSize(OptionalInt.of(16)));
    TrainResult r = Training.run(idx, Progress.NONE);
    assertEquals(40, r.samplesTrained());
    assertEquals(16, Checkpoints.readInfo(dir.resolve("idx")).spec().imageSize());
    assertEquals(1, Checkpoints.readInfo(dir.resolve("idx")).spec().inputChannels());

    IllegalArgumentException small =
        assertThrows(
            IllegalArgumentException.class,
            () -> idx.withData(d -> d.withImageSize(OptionalInt.of(7))));
    assertEquals("--image-size must be at least 8 px, got 7", small.getMessage());
  }

  /**
   * Streaming is deterministic for a seed (run c's first epoch repeats run a's), and a run killed
   * after epoch 1 resumes to exactly the uninterrupted run's metrics.
   */
  @Test
  void streamingIsDeterministicAndResumesExactly() throws IOException {
    Path data = mixedSizes();
    TrainOptions a =
        options(data, "a").withRecipe(r -> r.withAugment(Augmentation.parse("crop,flip,jitter")));
    Training.run(a, Progress.NONE);
    List<String> metrics = ResumeTest.withoutTimes(dir.resolve("a"));
    assertEquals(3, metrics.size());

    TrainOptions c = a.withRun(r -> r.withOut(dir.resolve("c")));
    assertThrows(IllegalStateException.class, () -> Training.run(c, ResumeTest.KILL_AT_EPOCH_2));
    assertEquals(metrics.subList(0, 2), ResumeTest.withoutTimes(dir.resolve("c")));
    Training.run(c.withRun(r -> r.withResume(true)), Progress.NONE);
    assertEquals(metrics, ResumeTest.withoutTimes(dir.resolve("c")));
  }

  /** Bad input found before training names the file or folder and what to do about it. */
  @Test
  void aTooSmallFirstImageIsNamedWithTheOptionThatHelps() throws IOException {
    Path data = dir.resolve("tiny");
    SyntheticFolders.writePngs(data, 2, 3, 16, 4);
    Path first;
    try (var files = Files.walk(data)) {
      first = files.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
    }
    Path tiny = first.resolveSibling("0" + first.getFileName());
    javax.imageio.ImageIO.write(
        new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB),
        "png",
        tiny.toFile());

    TrainingException e =
        assertThrows(
            TrainingException.class, () -> Training.run(options(data, "run"), Progress.NONE));
    assertEquals(
        tiny
            + ": the first training image is 1x1 px, too small to set the network input (at least"
            + " 8 px); pass --image-size, e.g. --image-size 32, to resize every image",
        e.getMessage());
    assertTrue(Files.notExists(dir.resolve("run")), "nothing written");

    // With --image-size the same dataset trains.
    Training.run(
        options(data, "sized")
            .withData(d -> d.withImageSize(OptionalInt.of(16)))
            .withRecipe(r -> r.withEpochs(1)),
        Progress.NONE);
  }

  @Test
  void aSingleClassDatasetIsNamed() throws IOException {
    Path data = dir.resolve("one");
    SyntheticFolders.writePngs(data, 1, 3, 16, 4);
    TrainingException e =
        assertThrows(
            TrainingException.class, () -> Training.run(options(data, "run"), Progress.NONE));
    assertEquals(data + ": has 1 class; a classifier needs at least 2", e.getMessage());
    assertTrue(Files.notExists(dir.resolve("run")), "nothing written");
  }

  private TrainOptions options(Path data, String run) {
    return TrainOptions.defaults(data, dir.resolve(run))
        .withRun(r -> r.withDevice(Device.cpu()).withWorkers(2))
        .withRecipe(r -> r.withBatchSize(10).withEpochs(2));
  }

  private Path mixedSizes() throws IOException {
    Path data = dir.resolve("mixed");
    Path wide = dir.resolve("wide");
    SyntheticFolders.writePngs(data, 3, 6, 16, 4);
    for (Path f : SyntheticFolders.writeJpegs(wide, 3, 4, 24, 18, 5)) {
      Files.move(
          f, data.resolve(wide.relativize(f).getParent()).resolve("wide_" + f.getFileName()));
    }
    return data;
  }
}
