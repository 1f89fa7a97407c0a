package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import org.winnow.nets.Architecture;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.LoadedCheckpoint;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

/**
 * The rows {@code winnow embed} writes are the input of the network's final Linear layer: the head
 * applied to the embeddings read back from HDF5 gives the full network's logits on the same
 * decoded, preprocessed images.
 */
class PenultimateLayerTest {

  @TempDir Path dir;

  @Test
  void headOfTheWrittenEmbeddingsGivesTheNetworksLogits() {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    NetworkSpec spec = new NetworkSpec(Architecture.RESNET20, 1, 28, 10);
    Path run = dir.resolve("run");
    try (NetworkModel model = NetworkModel.create(spec, Device.cpu(), 11)) {
      Checkpoints.save(
          model,
          new CheckpointInfo(spec, ds.classNames(), IndexHash.of(ds)),
          run.resolve(Checkpoints.RUN_SUBFOLDER));
    }
    Path out = dir.resolve("e.h5");
    Embedder.embed(
        ds,
        EmbedOptions.defaults(run.toString())
            .withSplit(Optional.of(Split.TEST))
            .withBatchSize(32)
            .withDevice(DeviceChoice.CPU),
        out,
        "t",
        Progress.NONE);
    EmbeddingSet set = EmbeddingSource.of(out).read();
    assertTrue(set.attributes().get("model").contains("checkpoint " + run.resolve("checkpoint")));

    int batch = 32;
    List<Sample> samples = ds.samples(Split.TEST).subList(0, batch);
    Preprocessing pre = Preprocessing.winnow(1, 28);
    float[] input = new float[batch * pre.floatsPerImage()];
    for (int i = 0; i < batch; i++) {
      pre.apply(ds.decode(samples.get(i)), input, i * pre.floatsPerImage());
    }
    float[] flat = new float[batch * 64];
    for (int i = 0; i < batch; i++) {
      System.arraycopy(set.vectors()[i], 0, flat, i * 64, 64);
    }
    try (LoadedCheckpoint loaded = Checkpoints.load(run, Device.cpu());
        NDManager m = loaded.model().model().getNDManager().newSubManager()) {
      Network net = loaded.model().network();
      ParameterStore store = new ParameterStore(m, false);
      NDArray logits =
          net.block()
              .forward(store, new NDList(m.create(input, new Shape(batch, 1, 28, 28))), false)
              .singletonOrThrow();
      NDArray fromFile =
          net.head()
              .forward(store, new NDList(m.create(flat, new Shape(batch, 64))), false)
              .singletonOrThrow();
      float maxDiff = logits.sub(fromFile).abs().max().getFloat();
      assertTrue(maxDiff <= 1e-5f, "max |logits - head(embedding)| = " + maxDiff);
      assertEquals(new Shape(batch, 10), logits.getShape());
      assertTrue(logits.abs().max().getFloat() > 1e-3f, "logits are not trivially zero");
    }
  }
}
