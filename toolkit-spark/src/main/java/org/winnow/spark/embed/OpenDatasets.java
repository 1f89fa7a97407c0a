package org.winnow.spark.embed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;

/**
 * The binary datasets (IDX, CIFAR) this JVM has opened, one per root, with their samples by id: a
 * task decodes its rows from the dataset itself, since they are records of a file, not files.
 */
final class OpenDatasets {

  /**
   * One opened dataset.
   *
   * @param dataset the dataset
   * @param byId its samples by id
   */
  record Open(ImageDataset dataset, Map<String, Sample> byId) {

    /**
     * The sample with this id.
     *
     * @throws DatasetException naming the source and the id when the dataset on this machine has no
     *     such sample (it differs from the driver's)
     */
    Sample sample(String id, String source) {
      Sample s = byId.get(id);
      if (s == null) {
        throw new DatasetException(
            source + ": no sample with id '" + id + "' in the dataset on this executor");
      }
      return s;
    }
  }

  private static final Map<String, Open> OPEN = new HashMap<>();

  private OpenDatasets() {}

  /** The dataset at {@code root}, opened on first use. */
  static synchronized Open get(String root) {
    return OPEN.computeIfAbsent(
        root,
        r -> {
          ImageDataset ds = Datasets.open(Path.of(r), OpenOptions.defaults(), Progress.NONE);
          Map<String, Sample> byId = new HashMap<>();
          for (Sample s : ds.samples()) {
            byId.put(s.id(), s);
          }
          return new Open(ds, byId);
        });
  }
}
