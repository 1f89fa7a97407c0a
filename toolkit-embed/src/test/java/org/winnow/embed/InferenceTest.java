package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.embed.Inference.Output;
import org.winnow.nets.Architecture;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

class InferenceTest {

  @TempDir Path dir;

  private static final EnumSet<Output> ALL = EnumSet.allOf(Output.class);

  /** 40 test images of the bundled sample through a seeded ResNet-20, 16 per batch. */
  private static Inference.Result allOutputs(ImageDataset ds) {
    return Inference.run(
        ds,
        ds.samples(Split.TEST).subList(0, 40),
        Inference.Options.defaults("resnet20").withDevice(DeviceChoice.CPU).withBatchSize(16),
        ALL,
        Progress.NONE);
  }

  @Test
  void logitsAndEmbeddingsAreThoseOfADirectForwardPass() {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    Inference.Result r = allOutputs(ds);
    assertEquals("cpu()", r.device());
    assertTrue(r.model().startsWith("resnet20, random initialisation with seed 0"), r.model());
    float[][] embeddings = r.get(Output.EMBEDDINGS);
    float[][] logits = r.get(Output.LOGITS);
    assertEquals(40, embeddings.length);
    assertEquals(64, embeddings[0].length);
    assertEquals(10, logits[0].length);

    // The same network (seed 0), the same preprocessing, all 40 images in one batch.
    List<Sample> samples = ds.samples(Split.TEST).subList(0, 40);
    Preprocessing pre = Preprocessing.winnow(1, 28);
    float[] input = new float[40 * pre.floatsPerImage()];
    for (int i = 0; i < 40; i++) {
      pre.apply(ds.decode(samples.get(i)), input, i * pre.floatsPerImage());
    }
    try (NetworkModel model =
            NetworkModel.create(
                new NetworkSpec(Architecture.RESNET20, 1, 28, 10), Device.cpu(), 0);
        NDManager m = model.model().getNDManager().newSubManager()) {
      Network.Outputs direct =
          model
              .network()
              .forward(
                  new ParameterStore(m, false), m.create(input, new Shape(40, 1, 28, 28)), false);
      float[] e = direct.embeddings().toFloatArray();
      float[] l = direct.logits().toFloatArray();
      for (int i = 0; i < 40; i++) {
        for (int j = 0; j < 64; j++) {
          assertEquals(e[i * 64 + j], embeddings[i][j], 1e-5f, "embedding " + i);
        }
        for (int j = 0; j < 10; j++) {
          assertEquals(l[i * 10 + j], logits[i][j], 1e-5f, "logit " + i);
        }
      }
      assertTrue(direct.logits().abs().max().getFloat() > 1e-3f, "logits are not trivially 0");
    }
  }

  @Test
  void probabilitiesAreTheSoftmaxOfTheLogits() {
    Inference.Result r = allOutputs(Datasets.open(EmbedderTest.BUNDLED));
    float[][] logits = r.get(Output.LOGITS);
    float[][] p = r.get(Output.PROBABILITIES);
    float[][] logP = r.get(Output.LOG_PROBABILITIES);
    for (int i = 0; i < logits.length; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (float v : logits[i]) {
        max = Math.max(max, v);
      }
      double sumExp = 0;
      for (float v : logits[i]) {
        sumExp += Math.exp(v - max);
      }
      double logSum = max + Math.log(sumExp);
      double total = 0;
      for (int c = 0; c < logits[i].length; c++) {
        assertEquals(Math.exp(logits[i][c] - logSum), p[i][c], 1e-6, "p " + i + "," + c);
        assertEquals(logits[i][c] - logSum, logP[i][c], 1e-5, "log p " + i + "," + c);
        total += p[i][c];
      }
      assertEquals(1, total, 1e-5, "row " + i);
    }
  }

  @Test
  void embeddingsAreBitForBitWhatEmbedWrites() {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    Path out = dir.resolve("e.h5");
    Embedder.embed(
        ds,
        EmbedOptions.defaults("resnet20")
            .withSplit(Optional.of(Split.TEST))
            .withBatchSize(16)
            .withShardSize(32)
            .withDevice(DeviceChoice.CPU),
        out,
        "t",
        Progress.NONE);
    float[][] written = EmbeddingSource.of(out).read().vectors();
    float[][] inferred = allOutputs(ds).get(Output.EMBEDDINGS);
    for (int i = 0; i < inferred.length; i++) {
      assertArrayEquals(written[i], inferred[i], "row " + i);
    }
  }

  @Test
  void aNetworkTheCallerHoldsRunsOnTheCallersBatches() {
    NetworkSpec spec = new NetworkSpec(Architecture.RESNET20, 3, 16, 4);
    SplittableRandom random = new SplittableRandom(5);
    float[][] batches = new float[3][];
    int[] sizes = {7, 7, 2};
    for (int b = 0; b < 3; b++) {
      batches[b] = new float[sizes[b] * 3 * 16 * 16];
      for (int i = 0; i < batches[b].length; i++) {
        batches[b][i] = (float) random.nextGaussian();
      }
    }
    try (NetworkModel model = NetworkModel.create(spec, Device.cpu(), 3)) {
      List<Inference.Rows> seen = new ArrayList<>();
      var input =
          new Inference.Batches() {
            int next;
            boolean closed;

            @Override
            public int count() {
              return 3;
            }

            @Override
            public NDArray next(NDManager scope) {
              int b = next++;
              return scope.create(batches[b], new Shape(sizes[b], 3, 16, 16));
            }

            @Override
            public void close() {
              closed = true;
            }
          };
      Inference.run(model, input, EnumSet.of(Output.LOGITS), seen::add);
      assertEquals(List.of(0, 7, 14), seen.stream().map(Inference.Rows::first).toList());
      assertEquals(List.of(7, 7, 2), seen.stream().map(Inference.Rows::count).toList());
      assertTrue(!input.closed, "the caller closes its batches");
      assertThrows(IllegalArgumentException.class, () -> seen.getFirst().get(Output.EMBEDDINGS));
      try (NDManager m = model.model().getNDManager().newSubManager()) {
        for (int b = 0; b < 3; b++) {
          float[] direct =
              model
                  .network()
                  .forward(
                      new ParameterStore(m, false),
                      m.create(batches[b], new Shape(sizes[b], 3, 16, 16)),
                      false)
                  .logits()
                  .toFloatArray();
          for (int i = 0; i < sizes[b]; i++) {
            assertArrayEquals(
                java.util.Arrays.copyOfRange(direct, i * 4, i * 4 + 4),
                seen.get(b).get(Output.LOGITS)[i],
                "batch " + b + " row " + i);
          }
        }
      }
    }
  }

  @Test
  void aTorchScriptModelHasNoLogits() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("data"), 6, 2, 12, 12, false, 4);
    ImageDataset ds = Datasets.open(dir.resolve("data"));
    Inference.Options o =
        new Inference.Options(
            TorchScriptTest.FIXTURES.resolve("with_embed.pt").toString(),
            DeviceChoice.CPU,
            OptionalInt.of(8),
            0,
            4,
            1);
    assertEquals(
        4,
        Inference.run(ds, ds.samples(), o, EnumSet.of(Output.EMBEDDINGS), Progress.NONE)
            .get(Output.EMBEDDINGS)[5]
            .length);
    for (Output asked : List.of(Output.LOGITS, Output.PROBABILITIES, Output.LOG_PROBABILITIES)) {
      EmbeddingException e =
          assertThrows(
              EmbeddingException.class,
              () -> Inference.run(ds, ds.samples(), o, EnumSet.of(asked), Progress.NONE));
      assertTrue(e.getMessage().contains("gives embeddings only"), e.getMessage());
      assertTrue(e.getMessage().contains("with_embed.pt"), e.getMessage());
    }
  }

  @Test
  void badRequestsFailWithOneLine() {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    Inference.Options o = Inference.Options.defaults("resnet20").withDevice(DeviceChoice.CPU);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Inference.run(
                ds, ds.samples().subList(0, 2), o, EnumSet.noneOf(Output.class), Progress.NONE));
    EmbeddingException none =
        assertThrows(
            EmbeddingException.class,
            () -> Inference.run(ds, List.of(), o, EnumSet.of(Output.LOGITS), Progress.NONE));
    assertTrue(none.getMessage().contains("no samples"), none.getMessage());
    IllegalArgumentException batch =
        assertThrows(IllegalArgumentException.class, () -> o.withBatchSize(0));
    assertEquals("batch size must be at least 1, not 0", batch.getMessage());
    Inference.Result r =
        Inference.run(
            ds, ds.samples().subList(0, 3), o, EnumSet.of(Output.PROBABILITIES), Progress.NONE);
    IllegalArgumentException notAsked =
        assertThrows(IllegalArgumentException.class, () -> r.get(Output.LOGITS));
    assertTrue(notAsked.getMessage().contains("LOGITS was not asked"), notAsked.getMessage());
  }
}
