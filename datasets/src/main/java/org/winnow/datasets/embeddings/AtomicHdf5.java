package org.winnow.datasets.embeddings;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.WriteFailures;

/**
 * HDF5 files that are either complete or absent. jHDF cannot append, and {@link HdfFile#write} does
 * not truncate a file that is already there, so every file is written whole under a fresh hidden
 * name next to its target and renamed onto it; a failure deletes the temporary file.
 */
final class AtomicHdf5 {

  private AtomicHdf5() {}

  /**
   * Closes the file channel that jHDF 0.13 leaves open when {@link WritableHdfFile#close} fails
   * while flushing (a full disk): its {@code close} flushes first and closes the channel only if
   * that worked. Left open, the deleted temporary file keeps its space until the JVM exits.
   */
  private static void closeChannel(WritableHdfFile file, RuntimeException failure) {
    try {
      java.lang.reflect.Field f = WritableHdfFile.class.getDeclaredField("fileChannel");
      f.setAccessible(true);
      if (f.get(file) instanceof java.nio.channels.FileChannel channel) {
        channel.close();
      }
    } catch (ReflectiveOperationException | IOException | RuntimeException e) {
      failure.addSuppressed(e); // another jHDF: nothing more to do
    }
  }

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
      WritableHdfFile file = HdfFile.write(temp);
      try {
        body.accept(file);
        file.close();
      } catch (RuntimeException e) {
        closeChannel(file, e);
        throw e;
      }
      finish.accept(temp);
      AtomicFiles.commit(temp, target);
      temp = null;
    } catch (IOException | RuntimeException e) {
      if (e instanceof DatasetException de) {
        throw de;
      }
      throw new DatasetException(WriteFailures.describe(target, e), e);
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
}
