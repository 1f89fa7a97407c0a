package org.winnow.datasets;

/** What a folder reader does with a file that cannot be used as an image. */
public enum BadImagePolicy {
  /** Stop with an error naming the first bad file. The default. */
  FAIL,
  /** Leave the file out of the index and list it in {@link ImageDataset#badFiles()}. */
  SKIP
}
