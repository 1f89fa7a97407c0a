package org.winnow.datasets.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.cifar.CifarDataset;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.NumpyEmbeddings;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.idx.IdxDataset;
import org.winnow.datasets.synthetic.Corruptions;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * Every reader of {@code datasets}, fed a few hundred seeded corruptions of a valid file, either
 * reads it or throws a {@link DatasetException} with one line: never another exception type, an
 * {@link OutOfMemoryError}, or a message the CLI would print as several lines.
 */
class ReaderFuzzTest {

  static final int CASES = 300;

  @TempDir Path dir;

  /** Applies each case of {@code valid} to {@code target} and runs {@code reader} on it. */
  static void fuzz(Path target, byte[] valid, long seed, Corruptions.Reader reader)
      throws IOException {
    Corruptions.Outcome o =
        Corruptions.check(target, valid, CASES, seed, DatasetException.class, reader);
    assertEquals(List.of(), o.escaped());
    assertEquals(CASES, o.read() + o.refused());
    assertTrue(o.refused() > 0, "some cases are refused");
  }

  static EmbeddingSet sample() {
    return SyntheticEmbeddings.gaussianClusters(3, 7, 6, 1, 0.3, 5);
  }

  /** Summary, attributes and the whole set, as {@code embeddings inspect} and prune read them. */
  static void readFully(Path p) {
    EmbeddingSource source = EmbeddingSource.of(p);
    try {
      source.summarize();
      source.attributes();
    } catch (DatasetException e) {
      // still read the set: the vectors take another path through the file
    }
    source.read();
  }

  @Test
  void hdf5Embeddings() throws IOException {
    Path valid = dir.resolve("valid.h5");
    Hdf5EmbeddingsWriter.write(valid, sample());
    fuzz(dir.resolve("e.h5"), Files.readAllBytes(valid), 11, ReaderFuzzTest::readFully);
  }

  @Test
  void numpyArchives() throws IOException {
    Path valid = dir.resolve("valid.npz");
    NumpyEmbeddings.writeNpz(valid, sample());
    fuzz(dir.resolve("e.npz"), Files.readAllBytes(valid), 21, ReaderFuzzTest::readFully);
  }

  @Test
  void numpyArrays() throws IOException {
    Path folder = dir.resolve("npy");
    Files.createDirectories(folder);
    Path valid = folder.resolve("embeddings.npy");
    NumpyEmbeddings.writeNpy(valid, sample());
    long seed = 31;
    for (String name : List.of("embeddings.npy", "labels.npy", "ids.npy")) {
      Path file = folder.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      fuzz(file, bytes, seed++, p -> readFully(valid));
      Files.write(file, bytes);
    }
  }

  @Test
  void idx() throws IOException {
    Path root = dir.resolve("idx");
    Files.createDirectories(root);
    SyntheticBinaries.writeIdx(root, 20, 10, 4, 4, false, 7);
    long seed = 41;
    for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte")) {
      Path file = root.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      fuzz(file, bytes, seed++, p -> IdxDataset.open(root));
      Files.write(file, bytes);
    }
    Path gz = dir.resolve("gz");
    Files.createDirectories(gz);
    SyntheticBinaries.writeIdx(gz, 20, 10, 4, 4, true, 8);
    Path file = gz.resolve("train-images-idx3-ubyte.gz");
    fuzz(file, Files.readAllBytes(file), seed, p -> IdxDataset.open(gz));
  }

  @Test
  void cifar() throws IOException {
    Path root = dir.resolve("cifar");
    SyntheticBinaries.writeCifar10(root, 1, 6, 4, 9);
    long seed = 51;
    for (String name : List.of("data_batch_1.bin", "batches.meta.txt")) {
      Path file = root.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      fuzz(file, bytes, seed++, p -> CifarDataset.open(root, DatasetFormat.CIFAR10));
      Files.write(file, bytes);
    }
  }
}
