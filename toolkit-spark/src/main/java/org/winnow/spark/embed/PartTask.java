package org.winnow.spark.embed;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;
import org.winnow.embed.LoadedModel;

/**
 * One part of the index, embedded by one task: it checks that every file is there (so that a
 * missing one is named with its row before any work), embeds the rows with its JVM's model and
 * writes the part file.
 *
 * @param part the part number
 * @param rows its rows, in index order
 */
record PartTask(int part, List<ImageRow> rows) implements Serializable {

  /** Copies the list into a serializable one. */
  PartTask {
    rows = List.copyOf(rows);
  }

  /**
   * What one task did.
   *
   * @param part the part number
   * @param rows rows written
   * @param dimension length of each embedding
   * @param device the device the model ran on
   * @param seconds wall time of the task's embedding and writing
   */
  record Done(int part, int rows, int dimension, String device, double seconds)
      implements Serializable {}

  /**
   * Embeds and writes this part.
   *
   * @throws DatasetException naming the source, the row id and the file when an image is missing or
   *     cannot be decoded
   */
  Done run(EmbedJob job) {
    long start = System.nanoTime();
    job.checkExists(rows);
    LoadedModel model = ModelHolder.get(job);
    float[][] embeddings = model.embed(job.dataset(rows), job.samples(rows), Progress.NONE);
    try {
      EmbeddingParts.write(Path.of(job.partsFolder()), part, rows, embeddings);
    } catch (IOException e) {
      throw new UncheckedIOException(
          job.partsFolder() + ": cannot write part " + part + ": " + e.getMessage(), e);
    }
    return new Done(
        part, rows.size(), embeddings[0].length, model.device(), (System.nanoTime() - start) / 1e9);
  }
}
