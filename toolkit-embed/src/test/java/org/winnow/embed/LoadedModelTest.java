package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

class LoadedModelTest {

  @Test
  void passesOverPartsOfASplitGiveTheRowsOfOnePassEvenConcurrently() throws Exception {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    List<Sample> test = ds.samples(Split.TEST).subList(0, 200);
    Inference.Options options =
        Inference.Options.defaults("resnet20").withDevice(DeviceChoice.CPU).withBatchSize(50);
    float[][] whole =
        Inference.run(ds, test, options, EnumSet.of(Inference.Output.EMBEDDINGS), Progress.NONE)
            .get(Inference.Output.EMBEDDINGS);
    try (LoadedModel model = LoadedModel.open(ds, test.getFirst(), options);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      assertEquals("resnet20, random initialisation with seed 0 (not trained)", model.key());
      assertTrue(model.input().isEmpty(), "an architecture has no file");
      assertEquals("cpu()", model.device());
      assertTrue(model.preprocessing().describe().startsWith("gray 28x28"));
      Future<float[][]> first =
          pool.submit(() -> model.embed(ds, test.subList(0, 100), Progress.NONE));
      Future<float[][]> second =
          pool.submit(() -> model.embed(ds, test.subList(100, 200), Progress.NONE));
      for (int i = 0; i < 100; i++) {
        assertArrayEquals(whole[i], first.get()[i], "row " + i);
        assertArrayEquals(whole[100 + i], second.get()[i], "row " + (100 + i));
      }
      assertEquals(0, model.embed(ds, List.of(), Progress.NONE).length);
    }
    assertTrue(LoadedModel.engine().startsWith("PyTorch "), LoadedModel.engine());
  }

  @Test
  void aMissingModelIsOneLine() {
    ImageDataset ds = Datasets.open(EmbedderTest.BUNDLED);
    EmbeddingException e =
        assertThrows(
            EmbeddingException.class,
            () ->
                LoadedModel.open(
                    ds, ds.samples().getFirst(), Inference.Options.defaults("no/such/model.pt")));
    assertTrue(e.getMessage().startsWith("no/such/model.pt: no such model file"), e.getMessage());
  }
}
