package org.winnow.spark.embed;

import java.io.Serializable;
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

  /** The sample Winnow's readers decode: the file is its own source. */
  Sample sample() {
    return new Sample(id, label, className, Split.TRAIN, path);
  }
}
