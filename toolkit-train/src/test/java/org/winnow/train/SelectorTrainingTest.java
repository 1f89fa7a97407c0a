package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.folder.SyntheticFolders;
import org.winnow.nets.Architecture;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

/**
 * Each filtering selector runs an epoch on 100 samples (10 per class) with batch 20 and filter
 * ratio 0.5, and trains on exactly the number its rule gives.
 */
class SelectorTrainingTest {

  static final Path SAMPLE = TrainTestData.sample();

  @TempDir Path dir;

  private TrainOptions tiny(String name) {
    return TrainTestData.small(dir, name, 10, 20, 1)
        .withSelector(s -> s.with(FilterRatio.KEY, "0.5"));
  }

  @Test
  void randomBatchTrainsHalfOfEachBatch() {
    TrainResult r =
        Training.run(tiny("rb").withSelector(s -> s.withName("random-batch")), Progress.NONE);
    assertEquals(100, r.trainSize());
    assertEquals(5 * 10, r.samplesTrained()); // 5 batches of 20, int(20 * 0.5) each
  }

  @Test
  void salnTrainsHalfOfEachBatchAndRefusesAnotherDatasetsEmbeddings() throws IOException {
    ImageDataset data = Datasets.open(SAMPLE);
    Path emb = embeddings(data, IndexHash.of(data));
    TrainResult r = Training.run(tiny("saln").withSelector(s -> saln(s, emb)), Progress.NONE);
    assertEquals(50, r.samplesTrained());
    assertTrue(Files.readString(dir.resolve("saln/result.json")).contains("reference_embeddings"));

    Path other = embeddings(data, "00".repeat(32));
    TrainingException e =
        assertThrows(
            TrainingException.class,
            () -> Training.run(tiny("saln2").withSelector(s -> saln(s, other)), Progress.NONE));
    assertTrue(e.getMessage().contains("another dataset"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("saln2")), "a refused run leaves no folder behind");
  }

  @Test
  void jestTrainsBatchSizeFromEachSuperBatch() throws IOException {
    ImageDataset data = Datasets.open(SAMPLE);
    Path reference =
        referenceModel(
            dir.resolve("reference"), data, new NetworkSpec(Architecture.RESNET20, 1, 28, 10));
    TrainResult r =
        Training.run(tiny("jest").withSelector(s -> jest(s, 4, reference)), Progress.NONE);
    // super-batches of round(20 / 0.5) = 40: 40, 40, 20 candidates -> 20 + 20 + 10 trained
    assertEquals(50, r.samplesTrained());
  }

  /**
   * SALN and JEST on a folder dataset, whose images stream through worker threads: 30 RGB PNGs of
   * 16 px in 3 classes, batch 10, filter ratio 0.5, 2 workers.
   */
  @Test
  void salnAndJestTrainOnAStreamedFolder() throws IOException {
    Path folder = dir.resolve("pngs");
    SyntheticFolders.writePngs(folder, 3, 10, 16, 4);
    ImageDataset data = Datasets.open(folder);
    TrainOptions base =
        TrainOptions.defaults(folder, dir.resolve("folder-saln"))
            .withRun(r -> r.withDevice(Device.cpu()).withWorkers(2))
            .withRecipe(r -> r.withBatchSize(10).withEpochs(1))
            .withSelector(s -> s.with(FilterRatio.KEY, "0.5"));

    Path emb = embeddings(data, IndexHash.of(data));
    TrainResult saln = Training.run(base.withSelector(s -> saln(s, emb)), Progress.NONE);
    assertEquals(30, saln.trainSize());
    assertEquals(3 * 5, saln.samplesTrained()); // 3 batches of 10, int(10 * 0.5) each

    Path reference =
        referenceModel(
            dir.resolve("folder-reference"),
            data,
            new NetworkSpec(Architecture.RESNET20, 3, 16, 3));
    TrainResult jest =
        Training.run(
            base.withRun(r -> r.withOut(dir.resolve("folder-jest")))
                .withSelector(s -> jest(s, 2, reference)),
            Progress.NONE);
    // super-batches of round(10 / 0.5) = 20: 20 and 10 candidates -> 10 + 5 trained
    assertEquals(15, jest.samplesTrained());
  }

  private static SelectorSpec saln(SelectorSpec s, Path embeddings) {
    return s.withName("saln")
        .with(SalnSelector.Options.REFERENCE_EMBEDDINGS, embeddings.toString());
  }

  private static SelectorSpec jest(SelectorSpec s, int chunks, Path reference) {
    return s.withName("jest")
        .with(JestSelector.Options.CHUNKS, Integer.toString(chunks))
        .with(JestSelector.Options.REFERENCE_MODEL, reference.toString());
  }

  /** A run folder whose checkpoint is a seeded, untrained network for {@code data}. */
  private static Path referenceModel(Path run, ImageDataset data, NetworkSpec spec)
      throws IOException {
    try (NetworkModel m = NetworkModel.create(spec, Device.cpu(), 5)) {
      Checkpoints.save(
          m,
          new CheckpointInfo(spec, data.classNames(), IndexHash.of(data)),
          run.resolve(Checkpoints.RUN_SUBFOLDER));
    }
    return run;
  }

  /** An embeddings file with a random vector for every train sample, declaring {@code hash}. */
  private Path embeddings(ImageDataset data, String hash) throws IOException {
    List<Sample> train = data.samples(Split.TRAIN);
    Random rnd = new Random(3);
    float[][] v = new float[train.size()][8];
    int[] labels = new int[train.size()];
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < 8; j++) {
        v[i][j] = (float) rnd.nextGaussian();
      }
      labels[i] = train.get(i).label();
    }
    TreeMap<String, String> attrs = new TreeMap<>();
    attrs.put(EmbeddingsHeader.INDEX_SHA256, hash);
    Path file = dir.resolve("emb-" + hash.substring(0, 4) + ".h5");
    Hdf5EmbeddingsWriter.write(
        file,
        new EmbeddingSet(
            file.toString(),
            train.stream().map(Sample::id).toList(),
            labels,
            data.classNames(),
            v,
            attrs));
    return file;
  }
}
