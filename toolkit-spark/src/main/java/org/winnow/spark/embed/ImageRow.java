package org.winnow.spark.embed;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

/**
 * One image of the index, as a task receives it.
 *
 * @param id the sample id written to the output (a folder's relative path)
 * @param label class index into the index's class names
 * @param className the class name
 * @param path the image file, absolute
 */
record ImageRow(String id, int label, String className, String path) implements Serializable {

  /**
   * Checks that the file is there, so that a missing one is named with its row before any work.
   *
   * @param source the manifest or folder the row comes from, for the message
   * @throws DatasetException naming the source, the row's id and the file
   */
  void checkExists(String source) {
    if (!Files.isRegularFile(Path.of(path))) {
      throw new DatasetException(source + ": row with id '" + id + "': no such image file " + path);
    }
  }

  /** The sample Winnow's readers decode: the file is its own source. */
  Sample sample() {
    return new Sample(id, label, className, Split.TRAIN, path);
  }
}
