package org.winnow.datasets.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.DatasetException;

/** Finding a caller's samples in a set by id, as stages do for sets without an index hash. */
class EmbeddingSetTest {

  @Test
  void findsRowsByIdInTheCallersOrder() {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(2, 5, 3, 1, 0.3, 1);
    assertArrayEquals(
        new int[] {7, 0, 3}, set.rowsOf(List.of("train/7", "train/0", "train/3"), "sample"));
    assertArrayEquals(new int[0], set.rowsOf(List.of(), "sample"));
  }

  @Test
  void namesTheFirstMissingIds() {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(2, 5, 3, 1, 0.3, 1);
    assertEquals(
        "synthetic: lacks 1 training sample: x",
        assertThrows(
                DatasetException.class,
                () -> set.rowsOf(List.of("train/1", "x"), "training sample"))
            .getMessage());
    List<String> ids = new ArrayList<>(List.of("train/2"));
    for (int i = 0; i < 8; i++) {
      ids.add("m" + i);
    }
    assertEquals(
        "synthetic: lacks 8 training samples: m0, m1, m2, m3, m4 and 3 more",
        assertThrows(DatasetException.class, () -> set.rowsOf(ids, "training sample"))
            .getMessage());
  }
}
