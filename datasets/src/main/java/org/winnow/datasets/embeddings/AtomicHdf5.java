package org.winnow.datasets.embeddings;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;

/**
 * HDF5 files that are either complete or absent. jHDF cannot append, and {@link HdfFile#write} does
 * not truncate a file that is already there, so every file is written whole under a fresh hidden
 * name next to its target and renamed onto it; a failure deletes the temporary file.
 */
final class AtomicHdf5 {

  private AtomicHdf5() {}

  /** A step on the closed temporary file, before it is renamed into place. */
  @FunctionalInterface
  interface Finish {
    void accept(Path temp) throws IOException;
  }

  /**
   * Writes {@code target} with {@code body}, lets {@code finish} complete the closed temporary
   * file, then renames it into place.
   *
   * @throws DatasetException naming {@code target} when it cannot be written; nothing is left
   */
  static void write(Path target, Consumer<WritableHdfFile> body, Finish finish) {
    Path temp = null;
    try {
      temp = AtomicFiles.tempSibling(target);
      try (WritableHdfFile file = HdfFile.write(temp)) {
        body.accept(file);
      }
      finish.accept(temp);
      AtomicFiles.commit(temp, target);
      temp = null;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException de) {
        throw de;
      }
      throw new DatasetException(target + ": cannot write: " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // nothing more can be done; the name is hidden and is swept on the next run
        }
      }
    }
  }

  /** The cause's message in one line; for a file system error, the file and the reason. */
  private static String describe(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    String m =
        t instanceof FileSystemException fs
            ? fs.getFile()
                + ": "
                + (fs.getReason() == null ? t.getClass().getSimpleName() : fs.getReason())
            : String.valueOf(t.getMessage());
    String first = m.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "…" : first;
  }
}
