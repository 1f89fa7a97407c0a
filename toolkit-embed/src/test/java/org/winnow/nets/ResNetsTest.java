package org.winnow.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class ResNetsTest {

  @Test
  void zeroPadShortcutSubsamplesAndAppendsZeroChannels() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Block shortcut = ResNets.zeroPadShortcut(2, 4, 2);
      shortcut.initialize(manager, DataType.FLOAT32, new Shape(1, 2, 4, 4));
      NDArray x = manager.arange(32f).reshape(1, 2, 4, 4);
      NDArray y = shortcut.forward(new ParameterStore(manager, false), new NDList(x), false).head();

      assertEquals(new Shape(1, 4, 2, 2), y.getShape());
      assertEquals(0, shortcut.getParameters().size());
      NDArray expectedKept =
          manager.create(new float[] {0, 2, 8, 10, 16, 18, 24, 26}, new Shape(1, 2, 2, 2));
      assertTrue(y.get(":, :2").contentEquals(expectedKept));
      assertTrue(y.get(":, 2:").contentEquals(manager.zeros(new Shape(1, 2, 2, 2))));
    }
  }

  @Test
  void zeroPadShortcutOnlyDoublesChannels() {
    assertThrows(IllegalArgumentException.class, () -> ResNets.zeroPadShortcut(16, 48, 2));
  }
}
