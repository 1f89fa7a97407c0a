package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.nets.Architecture;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;
import org.winnow.nets.NoGrad;
import org.winnow.nets.Normalization;

/**
 * JEST's reference losses, now one inference pass of log-probabilities, are bit for bit the
 * cross-entropy training computes ({@link Training#crossEntropy}: {@code -sum(logSoftmax ·
 * oneHot)}) on the same evaluation chunks, from images held on the device and from streamed ones.
 */
class ReferenceLossesTest {

  @TempDir Path dir;

  @Test
  void areTheCrossEntropyOfTheReferenceModel() throws IOException {
    // 1,100 images: the pass crosses the 1,024-image chunk boundary.
    SyntheticBinaries.writeIdx(dir.resolve("data"), 1100, 4, 12, 12, false, 8);
    ImageDataset ds = Datasets.open(dir.resolve("data"));
    List<Sample> train = ds.samples(Split.TRAIN);
    NetworkSpec spec = new NetworkSpec(Architecture.RESNET20, 1, 12, ds.classNames().size());
    Normalization n = Normalization.half(1);
    CheckpointInfo info = new CheckpointInfo(spec, ds.classNames(), IndexHash.of(ds), n);
    Path reference = dir.resolve("reference");
    try (NetworkModel model = NetworkModel.create(spec, Device.cpu(), 21)) {
      Checkpoints.save(model, info, reference);
    }
    HostImages h = HostImages.decode(ds, train, Progress.NONE, "decode");
    try (ImageSource held =
            new DeviceImages(
                Device.cpu(), h.pixels(), h.count(), h.channels(), h.size(), h.labels(), n, null);
        ImageSource streamed = new StreamedImages(ds, train, 1, 12, 2, Device.cpu(), n)) {
      float[] expected = crossEntropy(reference, held);
      assertTrue(expected[0] > 0 && Float.isFinite(expected[1099]));
      for (ImageSource images : List.of(held, streamed)) {
        float[] losses = ReferenceInputs.jestReferenceLosses(reference, Device.cpu(), info, images);
        assertEquals(1100, losses.length);
        assertArrayEquals(expected, losses);
      }

      CheckpointInfo otherClasses =
          new CheckpointInfo(
              spec, ds.classNames().reversed(), info.indexSha256(), info.normalization());
      TrainingException e =
          assertThrows(
              TrainingException.class,
              () ->
                  ReferenceInputs.jestReferenceLosses(reference, Device.cpu(), otherClasses, held));
      assertTrue(e.getMessage().contains("does not fit this dataset"), e.getMessage());
    }
  }

  /** The computation the reference losses had before the inference pass served them. */
  @SuppressWarnings("try") // NoGrad acts by existing
  private static float[] crossEntropy(Path reference, ImageSource images) {
    float[] out = new float[images.count()];
    List<int[]> chunks = Training.chunks(Training.allRows(images.count()));
    try (var loaded = Checkpoints.load(reference, Device.cpu());
        ImageSource.Feed feed = images.feed(chunks)) {
      Network network = loaded.model().network();
      int start = 0;
      for (int[] chunk : chunks) {
        try (NDManager m = loaded.model().model().getNDManager().newSubManager();
            NoGrad noGrad = new NoGrad();
            ImageSource.Chunk c = feed.next()) {
          NDArray logits =
              network
                  .forward(new ParameterStore(m, false), c.images().plain(m, chunk), false)
                  .logits();
          float[] l =
              Training.crossEntropy(
                      logits, c.images().labels(m, chunk), network.spec().numClasses())
                  .toFloatArray();
          System.arraycopy(l, 0, out, start, l.length);
          start += chunk.length;
        }
      }
    }
    return out;
  }
}
