package org.winnow.embed;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;

/**
 * HDF5 files that are either complete or absent. jHDF cannot append, and {@link HdfFile#write} does
 * not truncate a file that is already there, so every file is written whole under a fresh hidden
 * name next to its target and renamed onto it; a failure deletes the temporary file.
 */
final class AtomicHdf5 {

  private AtomicHdf5() {}

  /**
   * Writes {@code target} with {@code body}, then renames it into place.
   *
   * @throws EmbeddingException naming {@code target} when it cannot be written; nothing is left
   */
  static void write(Path target, Consumer<WritableHdfFile> body) {
    write(target, body, temp -> {});
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
   * @throws EmbeddingException naming {@code target} when it cannot be written; nothing is left
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
      if (e instanceof EmbeddingException ee) {
        throw ee;
      }
      throw new EmbeddingException(
          target + ": cannot write: " + ModelSpecs.oneLine(describe(e)), e);
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

  private static String describe(Exception e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() == null) {
      t = t.getCause();
    }
    return t instanceof java.nio.file.FileSystemException fs
        ? fs.getFile()
            + ": "
            + (fs.getReason() == null ? t.getClass().getSimpleName() : fs.getReason())
        : String.valueOf(t.getMessage());
  }

  /** Every attribute of {@code node} as text, in the order the file lists them. */
  static Map<String, String> attributes(Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Attribute> e : node.getAttributes().entrySet()) {
      out.put(e.getKey(), text(e.getValue().getData()));
    }
    return out;
  }

  /** An attribute value as text: strings as they are, numbers and arrays as Java prints them. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value.getClass().isArray()) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < Array.getLength(value); i++) {
        sb.append(i == 0 ? "" : ", ").append(text(Array.get(value, i)));
      }
      return sb.append(']').toString();
    }
    return value.toString();
  }
}
