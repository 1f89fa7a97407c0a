package org.winnow.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.prune.Pruning;
import org.winnow.prune.SemanticSelector;

/**
 * Real report inputs in a second: embeddings of the bundled Fashion-MNIST sample made from the
 * pixels themselves (so groups hold look-alike images, and no network is run), pruned with the
 * semantic method.
 */
public final class ReportFixture {

  /** The bundled sample, from a module folder. */
  public static final Path SAMPLE = Path.of("../datasets/sample/fashion-mnist-small");

  private ReportFixture() {}

  /**
   * Writes {@code emb.h5} for the first {@code perClass} training samples of each class.
   *
   * @param indexHash the index hash to record; null for the sample's true one
   */
  public static Path embeddings(Path dir, int perClass, String indexHash) throws IOException {
    ImageDataset ds = Datasets.open(SAMPLE);
    List<String> ids = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    int[] taken = new int[ds.classNames().size()];
    for (Sample s : ds.samples(Split.TRAIN)) {
      if (taken[s.label()]++ >= perClass) {
        continue;
      }
      Image im = ds.decode(s);
      float[] v = new float[im.pixels().length];
      for (int i = 0; i < v.length; i++) {
        v[i] = 0.02f + (im.pixels()[i] & 0xFF) / 255f;
      }
      ids.add(s.id());
      labels.add(s.label());
      vectors.add(v);
    }
    TreeMap<String, String> attrs = new TreeMap<>();
    attrs.put("dataset_path", ds.root().toAbsolutePath().normalize().toString());
    attrs.put("dataset_format", ds.format().cliName());
    attrs.put("split", "train");
    attrs.put("model", "raw pixels (test fixture)");
    attrs.put(EmbeddingsHeader.INDEX_SHA256, indexHash == null ? IndexHash.of(ds) : indexHash);
    Path file = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(
        file,
        new EmbeddingSet(
            file.toString(),
            ids,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            ds.classNames(),
            vectors.toArray(float[][]::new),
            attrs));
    return file;
  }

  /** Prunes {@code embeddings} semantically at the fractions into {@code out}. */
  public static Path prune(Path embeddings, Path out, List<Double> fractions) throws IOException {
    Pruning.run(
        new Pruning.Request(
            embeddings,
            new SemanticSelector(SemanticSelector.Options.defaults()),
            fractions,
            out,
            false,
            "test"),
        Progress.NONE);
    return out;
  }

  /** A two-method curve table. */
  public static Path curve(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        """
        method,fraction,n_train,mean,std,n
        semantic,1.0,600,0.80,0.01,2
        semantic,0.9,540,0.795,0.012,2
        semantic,0.7,420,0.77,0.015,2
        random,1.0,600,0.80,0.01,2
        random,0.9,540,0.78,0.011,2
        random,0.7,420,0.74,0.02,2
        """);
    return file;
  }
}
