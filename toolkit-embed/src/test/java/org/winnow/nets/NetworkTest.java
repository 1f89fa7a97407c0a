package org.winnow.nets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkTest {

  @Test
  void resnet18WithCifarStemHas11_17MillionParameters() {
    try (NetworkModel model = newModel(Architecture.RESNET18, 3, 32, 10, 1)) {
      long count = model.network().trainableParameterCount();
      assertEquals(11_173_962, count);
      assertEquals(11.17, Math.round(count / 1e4) / 100.0);
    }
  }

  @Test
  void cifarResNetsHaveThePapersParameterCounts() {
    try (NetworkModel r32 = newModel(Architecture.RESNET32, 3, 32, 10, 1);
        NetworkModel r20 = newModel(Architecture.RESNET20, 3, 32, 10, 1)) {
      // He et al. 2016, Table 6: 0.46 M and 0.27 M, with option-A (parameter-free) shortcuts.
      assertEquals(464_154, r32.network().trainableParameterCount());
      assertEquals(269_722, r20.network().trainableParameterCount());
    }
  }

  @Test
  void outputShapesForCifarAndFashionMnistInputs() {
    record Case(Architecture arch, int channels, int size, int classes) {}
    List<Case> cases =
        List.of(
            new Case(Architecture.RESNET20, 3, 32, 10),
            new Case(Architecture.RESNET20, 1, 28, 7),
            new Case(Architecture.RESNET32, 1, 28, 10),
            new Case(Architecture.RESNET18, 3, 32, 100),
            new Case(Architecture.RESNET18, 1, 28, 10));
    for (Case c : cases) {
      try (NetworkModel model = newModel(c.arch, c.channels, c.size, c.classes, 3);
          NDManager batch = model.model().getNDManager().newSubManager()) {
        Network net = model.network();
        NDArray x = batch.randomNormal(net.inputShape(2));
        Network.Outputs out = net.forward(new ParameterStore(batch, false), x, false);
        assertEquals(
            new Shape(2, c.arch.embeddingSize()), out.embeddings().getShape(), c.toString());
        assertEquals(new Shape(2, c.classes), out.logits().getShape(), c.toString());
      }
    }
  }

  @Test
  void resnet18UsesTheImageNetStemAbove64Pixels() {
    try (NetworkModel small = newModel(Architecture.RESNET18, 3, 64, 1000, 1);
        NetworkModel large = newModel(Architecture.RESNET18, 3, 224, 1000, 1);
        NDManager batch = large.model().getNDManager().newSubManager()) {
      // The 7×7 stem has 3·64·49 weights against the 3×3 stem's 3·64·9; nothing else differs.
      long difference =
          large.network().trainableParameterCount() - small.network().trainableParameterCount();
      assertEquals(3 * 64 * (49 - 9), difference);
      assertEquals(11_689_512, large.network().trainableParameterCount()); // torchvision's
      Network net = large.network();
      NDArray x = batch.randomNormal(net.inputShape(1));
      Network.Outputs out = net.forward(new ParameterStore(batch, false), x, false);
      assertEquals(new Shape(1, 512), out.embeddings().getShape());
      assertEquals(new Shape(1, 1000), out.logits().getShape());
    }
  }

  @Test
  void headAppliedToEmbeddingGivesTheLogits() {
    try (NetworkModel model = newModel(Architecture.RESNET20, 3, 32, 10, 7);
        NDManager batch = model.model().getNDManager().newSubManager()) {
      Network net = model.network();
      assertSame(net.trunk(), net.block().getChildren().get(0).getValue());
      assertSame(net.head(), net.block().getChildren().get(1).getValue());
      NDArray x = batch.randomNormal(net.inputShape(4));
      ParameterStore store = new ParameterStore(batch, false);
      NDArray embeddings = net.embed(store, x, false);
      NDArray logits =
          model.model().getBlock().forward(store, new ai.djl.ndarray.NDList(x), false).head();

      NDArray weight = net.head().getParameters().get("weight").getArray();
      NDArray bias = net.head().getParameters().get("bias").getArray();
      NDArray byHand = embeddings.matMul(weight.transpose()).add(bias);

      assertEquals(new Shape(4, 10), logits.getShape());
      assertTrue(
          byHand.allClose(logits, 0, 1e-5, false), "max |diff| " + maxAbsDiff(byHand, logits));
      assertTrue(net.forward(store, x, false).logits().allClose(logits, 0, 1e-5, false));
    }
  }

  @Test
  void sameSeedGivesIdenticalParametersAndAnotherSeedDiffers() {
    try (NetworkModel a = newModel(Architecture.RESNET20, 3, 32, 10, 42);
        NetworkModel b = newModel(Architecture.RESNET20, 3, 32, 10, 42);
        NetworkModel c = newModel(Architecture.RESNET20, 3, 32, 10, 43)) {
      List<Pair<String, Parameter>> pa = a.model().getBlock().getParameters().stream().toList();
      List<Pair<String, Parameter>> pb = b.model().getBlock().getParameters().stream().toList();
      List<Pair<String, Parameter>> pc = c.model().getBlock().getParameters().stream().toList();
      assertEquals(pa.size(), pb.size());
      boolean anyDiffers = false;
      for (int i = 0; i < pa.size(); i++) {
        float[] va = pa.get(i).getValue().getArray().toFloatArray();
        assertArrayEquals(va, pb.get(i).getValue().getArray().toFloatArray(), pa.get(i).getKey());
        anyDiffers |= !java.util.Arrays.equals(va, pc.get(i).getValue().getArray().toFloatArray());
      }
      assertTrue(anyDiffers);
      float[] firstConvA = pa.get(0).getValue().getArray().toFloatArray();
      float[] firstConvC = pc.get(0).getValue().getArray().toFloatArray();
      assertFalse(java.util.Arrays.equals(firstConvA, firstConvC));
    }
  }

  @Test
  void initialisationHasHeScale() {
    try (NetworkModel model = newModel(Architecture.RESNET18, 3, 32, 10, 5)) {
      Parameter conv = model.model().getBlock().getParameters().get(0).getValue();
      NDArray w = conv.getArray(); // 64 × 3 × 3 × 3, fan_out = 64 · 9
      double std = Math.sqrt(w.pow(2).mean().getFloat());
      assertEquals(Math.sqrt(2.0 / (64 * 9)), std, 0.1 * Math.sqrt(2.0 / (64 * 9)));
    }
  }

  @Test
  void rejectsBadSpecsAndUnknownArchitectures() {
    assertThrows(
        IllegalArgumentException.class, () -> new NetworkSpec(Architecture.RESNET20, 2, 32, 10));
    assertThrows(
        IllegalArgumentException.class, () -> new NetworkSpec(Architecture.RESNET20, 3, 4, 10));
    assertThrows(
        IllegalArgumentException.class, () -> new NetworkSpec(Architecture.RESNET20, 3, 32, 1));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Architecture.fromId("vgg16"));
    assertEquals(
        "unknown architecture 'vgg16' (known: resnet18, resnet32, resnet20)", e.getMessage());
    assertEquals(Architecture.RESNET32, Architecture.fromId("ResNet32"));
  }

  private static NetworkModel newModel(
      Architecture arch, int channels, int size, int classes, int seed) {
    return NetworkModel.create(new NetworkSpec(arch, channels, size, classes), Device.cpu(), seed);
  }

  private static float maxAbsDiff(NDArray a, NDArray b) {
    return a.sub(b).abs().max().getFloat();
  }
}
