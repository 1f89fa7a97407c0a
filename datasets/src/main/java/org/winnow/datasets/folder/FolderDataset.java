package org.winnow.datasets.folder;

import java.nio.file.Path;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;

/** PLACEHOLDER: being written; replaced before the first commit lands. */
public final class FolderDataset {
  private FolderDataset() {}

  /** Opens an ImageNet-style folder. */
  public static ImageDataset open(Path root, OpenOptions options, Progress progress) {
    throw new UnsupportedOperationException("not yet");
  }
}
