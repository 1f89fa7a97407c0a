package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.NumpyEmbeddings;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * SALN's reference features: a file that declares an index hash must declare the dataset's; a NumPy
 * file, which declares none, is matched by id.
 */
class ReferenceInputsTest {

  @TempDir Path dir;

  static List<Sample> samples(String... ids) {
    return java.util.Arrays.stream(ids)
        .map(id -> new Sample(id, 0, "c", Split.TRAIN, "test"))
        .toList();
  }

  @Test
  void matchesNumpyEmbeddingsByIdAndHdf5ByIndexHash() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(2, 4, 3, 1, 0.3, 5);
    Path npy = dir.resolve("ref/X.npy");
    NumpyEmbeddings.writeNpy(npy, set);
    float[][] f = ReferenceInputs.salnFeatures(npy, "any", samples("train/5", "train/0"));
    assertArrayEquals(set.vectors()[5], f[0]);
    assertArrayEquals(set.vectors()[0], f[1]);
    DatasetException missing =
        assertThrows(
            DatasetException.class,
            () -> ReferenceInputs.salnFeatures(npy, "any", samples("train/1", "val/1")));
    assertEquals(npy + ": lacks 1 training sample: val/1", missing.getMessage());

    TreeMap<String, String> attrs = new TreeMap<>();
    attrs.put(EmbeddingsHeader.INDEX_SHA256, "abc");
    Path h5 = dir.resolve("ref.h5");
    Hdf5EmbeddingsWriter.write(
        h5, new EmbeddingSet("s", set.ids(), set.labels(), set.classNames(), set.vectors(), attrs));
    assertArrayEquals(
        set.vectors()[3], ReferenceInputs.salnFeatures(h5, "abc", samples("train/3"))[0]);
    TrainingException other =
        assertThrows(
            TrainingException.class,
            () -> ReferenceInputs.salnFeatures(h5, "def", samples("train/3")));
    assertTrue(other.getMessage().contains("another dataset (index hash abc"), other.getMessage());
  }
}
