package org.winnow.train.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.NumpyEmbeddings;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * A curve from NumPy embeddings, which declare no index hash: they are matched to the train split
 * by id, and give the curve of the same embeddings in HDF5.
 */
class NumpyCurveTest {

  @TempDir Path dir;

  private CurveOptions options(Path data, Path embeddings, String out) {
    return new CurveOptions(
        data,
        OpenOptions.defaults(),
        embeddings,
        List.of(1.0, 0.5),
        List.of("semantic", "random"),
        1,
        7,
        dir.resolve(out),
        "test");
  }

  private static RedundancyCurve.Result run(CurveOptions o) throws IOException {
    return RedundancyCurve.run(
        o, new RedundancyCurveTest.FakeTrainer(0, 1), Progress.NONE, l -> {});
  }

  @Test
  void numpyEmbeddingsOfTheTrainSplitGiveTheCurveOfTheirHdf5() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    SyntheticBinaries.writeIdx(data, 100, 20, 4, 4, false, 1);
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(10, 10, 8, 2, 0.5, 1);
    TreeMap<String, String> attributes = new TreeMap<>();
    attributes.put(EmbeddingsHeader.INDEX_SHA256, IndexHash.of(Datasets.open(data)));
    attributes.put(EmbeddingsHeader.SPLIT, "train");
    Path h5 = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(
        h5,
        new EmbeddingSet(
            "s", set.ids(), set.labels(), set.classNames(), set.vectors(), attributes));
    Path npz = dir.resolve("emb.npz");
    NumpyEmbeddings.writeNpz(npz, set);

    RedundancyCurve.Result fromH5 = run(options(data, h5, "h5"));
    RedundancyCurve.Result fromNpz = run(options(data, npz, "npz"));
    assertEquals(fromH5.points(), fromNpz.points());
    for (String subset : List.of("semantic", "random-t1")) {
      assertEquals(
          Files.readString(dir.resolve("h5/subsets/" + subset + "/keep.csv")),
          Files.readString(dir.resolve("npz/subsets/" + subset + "/keep.csv")),
          subset);
    }

    // Ids that are not the train split's, or rows beyond it, are refused before any training.
    Path rows = dir.resolve("rows/X.npy");
    NumpyEmbeddings.writeNpy(rows, set);
    Files.delete(rows.resolveSibling(NumpyEmbeddings.IDS_NPY));
    DatasetException e =
        assertThrows(DatasetException.class, () -> run(options(data, rows, "rows")));
    assertEquals(
        rows
            + ": lacks 100 train-split samples: train/0, train/1, train/2, train/3,"
            + " train/4 and 95 more",
        e.getMessage());

    EmbeddingSet more = SyntheticEmbeddings.gaussianClusters(10, 11, 8, 2, 0.5, 1);
    Path extra = dir.resolve("extra.npz");
    NumpyEmbeddings.writeNpz(extra, more);
    e = assertThrows(DatasetException.class, () -> run(options(data, extra, "extra")));
    assertTrue(
        e.getMessage()
            .startsWith(
                extra + ": declares no index_sha256 and holds 110 rows, but the train split"),
        e.getMessage());
  }
}
