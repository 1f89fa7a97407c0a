package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingSummary;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.nets.Architecture;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

class EmbedderTest {

  static final Path BUNDLED = Path.of("../datasets/sample/fashion-mnist-small");

  @TempDir Path dir;

  @Test
  void writesTheContractLayoutForTheBundledSample() throws IOException {
    ImageDataset ds = Datasets.open(BUNDLED);
    Path out = dir.resolve("embeddings.h5");
    EmbedOptions options =
        EmbedOptions.defaults("resnet20")
            .withSplit(Optional.of(Split.TEST))
            .withBatchSize(50)
            .withShardSize(128)
            .withDevice(DeviceChoice.CPU);
    Embedder.Result result = Embedder.embed(ds, options, out, "0.1.0-test", Progress.NONE);
    assertEquals(500, result.rows());
    assertEquals(64, result.dimension());
    assertEquals(0, result.resumedRows());

    EmbeddingSet set = EmbeddingSource.of(out).read();
    List<Sample> test = ds.samples(Split.TEST);
    assertEquals(500, set.size());
    assertEquals(64, set.dimension());
    for (int i = 0; i < test.size(); i++) {
      assertEquals(test.get(i).id(), set.ids().get(i));
      assertEquals(test.get(i).label(), set.labels()[i]);
    }
    assertEquals(ds.classNames(), set.classNames());
    assertEquals("T-shirt/top", set.classNames().getFirst());
    for (float[] row : set.vectors()) {
      for (float v : row) {
        assertTrue(Float.isFinite(v) && v >= 0, "a ReLU then average pooling is non-negative");
      }
    }

    var a = set.attributes();
    assertEquals(
        "resnet20, random initialisation with seed 0 (not trained)", a.get("model"), a.toString());
    assertEquals(NetworkEmbeddingModel.LAYER, a.get("layer"));
    assertEquals(ds.root().toString(), a.get("dataset_path"));
    assertEquals("idx", a.get("dataset_format"));
    assertEquals("test", a.get("split"));
    assertTrue(
        a.get("created").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), a.get("created"));
    assertEquals("0.1.0-test", a.get("winnow_version"));
    assertEquals(IndexHash.of(ds), a.get("index_sha256"));
    assertTrue(a.get("preprocessing").startsWith("gray 28x28"), a.get("preprocessing"));
    String manifest = a.get("manifest");
    assertTrue(manifest.startsWith("{\n  \"tool\": \"winnow embed\""), manifest);
    assertTrue(manifest.contains("\"version\": \"0.1.0-test\""), manifest);
    assertTrue(manifest.contains("\"batch_size\": \"50\""), manifest);
    assertTrue(manifest.contains("\"shard_size\": \"150\""), manifest);
    assertTrue(manifest.contains("\"device_used\": \"cpu()\""), manifest);
    assertTrue(manifest.contains("\"seed\": 0"), manifest);

    EmbeddingSummary summary = EmbeddingSource.of(out).summarize();
    assertEquals(500, summary.rows());
    assertEquals(64, summary.dimension());
    assertArrayEquals(
        new long[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, summary.countsPerClass());

    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(out), left.toList(), "no shard folder or temporary file is left");
    }
  }

  /** A progress sink that simulates {@code kill -9} once {@code limit} rows are embedded. */
  static final class KillAfter implements Progress {
    final long limit;
    final AtomicLong done = new AtomicLong();

    KillAfter(long limit) {
      this.limit = limit;
    }

    @Override
    public void start(String stage, long total) {}

    @Override
    public void advance(long amount) {
      if (done.addAndGet(amount) >= limit) {
        throw new Killed();
      }
    }

    @Override
    public void finish() {}
  }

  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private EmbedOptions tiny() {
    return EmbedOptions.defaults("resnet20")
        .withBatchSize(4)
        .withShardSize(8)
        .withDevice(DeviceChoice.CPU)
        .withSeed(3);
  }

  @Test
  void resumesAfterAKillAndGivesTheValuesOfAnUninterruptedRun() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 60, 10, 12, 12, false, 5);
    ImageDataset ds = Datasets.open(dir.resolve("data"));
    Path whole = dir.resolve("whole.h5");
    Embedder.embed(ds, tiny(), whole, "t", Progress.NONE);

    Path out = dir.resolve("resumed.h5");
    assertThrows(Killed.class, () -> Embedder.embed(ds, tiny(), out, "t", new KillAfter(20)));
    Path shards = ShardFolder.folderFor(out);
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(shards)) {
      assertEquals(
          List.of("shard-00000.h5", "shard-00001.h5"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    // What a kill in the middle of writing leaves: hidden temporaries, swept on the rerun.
    Files.write(shards.resolve(".shard-00002.h5.tmp-999-1"), new byte[] {1, 2, 3});
    Files.write(dir.resolve(".resumed.h5.tmp-999-2"), new byte[] {4});

    Embedder.Result r = Embedder.embed(ds, tiny(), out, "t", Progress.NONE);
    assertEquals(16, r.resumedRows());
    EmbeddingSet a = EmbeddingSource.of(whole).read();
    EmbeddingSet b = EmbeddingSource.of(out).read();
    assertEquals(60, b.size());
    for (int i = 0; i < a.size(); i++) {
      assertArrayEquals(a.vectors()[i], b.vectors()[i], "row " + i);
    }
    assertEquals(a.ids(), b.ids());
    assertArrayEquals(a.labels(), b.labels());
    assertFalse(Files.exists(shards));
    assertFalse(Files.exists(dir.resolve(".resumed.h5.tmp-999-2")));
  }

  @Test
  void imagesTooSmallForTheNetworkAreNamedWithTheOptionThatHelps() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 20, 10, 4, 4, false, 5);
    ImageDataset ds = Datasets.open(dir.resolve("data"));
    Path out = dir.resolve("e.h5");
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class, () -> Embedder.embed(ds, tiny(), out, "t", Progress.NONE));
    assertEquals(
        ds.root().resolve(ds.samples().getFirst().source())
            + ": the dataset's images are 4x4 px, too small to set the network input (at least 8"
            + " px); pass --image-size, e.g. --image-size 32, to resize every image",
        e.getMessage());
    assertFalse(Files.exists(out));
    assertFalse(Files.exists(ShardFolder.folderFor(out)), "nothing written");

    Embedder.embed(
        ds, tiny().withImageSize(OptionalInt.of(8)), out, "t", Progress.NONE); // resized: works
    assertEquals(20, EmbeddingSource.of(out).read().size());
  }

  @Test
  void refusesToResumeWhenTheDatasetChanged() throws IOException {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 40, 10, 12, 12, false, 5);
    Path out = dir.resolve("e.h5");
    assertThrows(
        Killed.class,
        () -> Embedder.embed(Datasets.open(data), tiny(), out, "t", new KillAfter(12)));

    SyntheticBinaries.writeIdx(data, 44, 10, 12, 12, false, 5);
    ImageDataset changed = Datasets.open(data);
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () -> Embedder.embed(changed, tiny(), out, "t", Progress.NONE));
    assertTrue(
        e.getMessage().contains("the dataset changed since this partial run"), e.getMessage());
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());

    Embedder.Result r =
        Embedder.embed(changed, tiny().withOverwrite(true), out, "t", Progress.NONE);
    assertEquals(0, r.resumedRows());
    assertEquals(44, r.rows());
  }

  @Test
  void otherOptionsThanThePartialRunAreRefused() throws IOException {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 40, 10, 12, 12, false, 5);
    Path out = dir.resolve("e.h5");
    assertThrows(
        Killed.class,
        () -> Embedder.embed(Datasets.open(data), tiny(), out, "t", new KillAfter(12)));
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    Datasets.open(data), tiny().withBatchSize(8), out, "t", Progress.NONE));
    assertTrue(e.getMessage().contains("a partial run with other options"), e.getMessage());
    EmbeddingException seed =
        assertThrows(
            EmbeddingException.class,
            () -> Embedder.embed(Datasets.open(data), tiny().withSeed(4), out, "t", Progress.NONE));
    assertTrue(
        seed.getMessage().contains("the model changed since this partial run"), seed.getMessage());
  }

  @Test
  void aCheckpointRetrainedAtTheSamePathIsRefusedForResume() throws IOException {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 24, 4, 12, 12, false, 5);
    ImageDataset ds = Datasets.open(data);
    NetworkSpec spec = new NetworkSpec(Architecture.RESNET20, 1, 12, ds.classNames().size());
    Path checkpoint = dir.resolve("run").resolve(Checkpoints.RUN_SUBFOLDER);
    saveCheckpoint(spec, ds, checkpoint, 1);
    EmbedOptions options = tiny().withSplit(Optional.empty()).withBatchSize(4).withShardSize(4);
    EmbedOptions fromCheckpoint =
        new EmbedOptions(
            checkpoint.toString(),
            options.split(),
            options.batchSize(),
            options.device(),
            options.imageSize(),
            options.seed(),
            options.shardSize(),
            false,
            options.workers());
    Path out = dir.resolve("e.h5");
    assertThrows(
        Killed.class, () -> Embedder.embed(ds, fromCheckpoint, out, "t", new KillAfter(12)));

    saveCheckpoint(spec, ds, checkpoint, 2);
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () -> Embedder.embed(ds, fromCheckpoint, out, "t", Progress.NONE));
    assertTrue(
        e.getMessage()
            .matches(
                ".*: the model changed since this partial run \\(checkpoint sha256 [0-9a-f]{64}"
                    + " there, checkpoint sha256 [0-9a-f]{64} now\\); refusing to resume.*"),
        e.getMessage());

    Embedder.embed(ds, fromCheckpoint.withOverwrite(true), out, "t", Progress.NONE);
    String manifest = EmbeddingSource.of(out).read().attributes().get(EmbeddingsHeader.MANIFEST);
    String sha = Sha256.of(checkpoint.resolve(Checkpoints.METADATA_FILE));
    assertTrue(manifest.contains("\"role\": \"model checkpoint\""), manifest);
    assertTrue(manifest.contains("\"sha256\": \"" + sha + "\""), manifest);
  }

  private static void saveCheckpoint(NetworkSpec spec, ImageDataset ds, Path folder, int seed) {
    try (NetworkModel model = NetworkModel.create(spec, ai.djl.Device.cpu(), seed)) {
      Checkpoints.save(model, new CheckpointInfo(spec, ds.classNames(), IndexHash.of(ds)), folder);
    }
  }

  @Test
  void anExistingOutputNeedsOverwrite() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 8, 2, 12, 12, false, 5);
    Path out = dir.resolve("e.h5");
    Files.writeString(out, "old");
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    Datasets.open(dir.resolve("data")), tiny(), out, "t", Progress.NONE));
    assertEquals(out + ": already exists; pass --overwrite to replace it", e.getMessage());
    Embedder.embed(
        Datasets.open(dir.resolve("data")), tiny().withOverwrite(true), out, "t", Progress.NONE);
    assertEquals(8, EmbeddingSource.of(out).read().size());
  }

  @Test
  void aWriteErrorLeavesNoFile() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 8, 2, 12, 12, false, 5);
    Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
    Path out = dir.resolve("blocker/e.h5");
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    Datasets.open(dir.resolve("data")), tiny(), out, "t", Progress.NONE));
    assertTrue(e.getMessage().contains("cannot write"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(2, s.count(), "only data/ and blocker");
    }
  }

  @Test
  void badModelSpecsAreOneLine() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 8, 2, 12, 12, false, 5);
    ImageDataset ds = Datasets.open(dir.resolve("data"));
    Path missing = dir.resolve("nope.pt");
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    ds,
                    EmbedOptions.defaults(missing.toString()).withSplit(Optional.empty()),
                    dir.resolve("e.h5"),
                    "t",
                    Progress.NONE));
    assertTrue(
        e.getMessage().startsWith(missing + ": no such model file or folder"), e.getMessage());

    Path garbage = dir.resolve("garbage.pt");
    Files.writeString(garbage, "not a zip");
    EmbeddingException g =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    ds,
                    EmbedOptions.defaults(garbage.toString()),
                    dir.resolve("g.h5"),
                    "t",
                    Progress.NONE));
    assertTrue(
        g.getMessage().startsWith(garbage + ": not a TorchScript model DJL can load"),
        g.getMessage());
    assertEquals(1, g.getMessage().lines().count());

    EmbeddingException zoo =
        assertThrows(
            EmbeddingException.class,
            () ->
                Embedder.embed(
                    ds,
                    EmbedOptions.defaults("djl://ai.djl.pytorch/resnet"),
                    dir.resolve("z.h5"),
                    "t",
                    Progress.NONE));
    assertTrue(zoo.getMessage().contains("DJL is offline"), zoo.getMessage());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(2, s.count(), "nothing written besides data/ and garbage.pt");
    }
  }

  @Test
  void gpuWithoutAGpuIsOneLine() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        ai.djl.engine.Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    EmbeddingException e = assertThrows(EmbeddingException.class, DeviceChoice.GPU::resolve);
    assertTrue(e.getMessage().startsWith("device gpu: DJL sees no GPU"), e.getMessage());
    assertTrue(e.getMessage().contains("run ./winnow setup-gpu once"), e.getMessage());
  }

  @Test
  void imageSizeOptionResizesTheInput() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 8, 2, 12, 12, false, 5);
    Path out = dir.resolve("e.h5");
    Embedder.embed(
        Datasets.open(dir.resolve("data")),
        tiny().withImageSize(OptionalInt.of(16)),
        out,
        "t",
        Progress.NONE);
    assertTrue(
        EmbeddingSource.of(out).read().attributes().get("preprocessing").startsWith("gray 16x16"));
  }
}
