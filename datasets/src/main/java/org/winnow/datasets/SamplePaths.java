package org.winnow.datasets;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Sample ids used as file paths. A folder dataset's ids are paths relative to its root, and {@code
 * winnow apply} and a {@code keep.csv}'s {@code path} column turn them back into files; an id from
 * an embeddings file or keep-list is input like any other, so one that is empty, absolute or climbs
 * with {@code ..} is refused before it reaches the file system.
 */
public final class SamplePaths {

  private SamplePaths() {}

  /**
   * The id as a path relative to a dataset root.
   *
   * @param where the file the id came from, for the message
   * @param inside the folder the path must stay in, for the message ({@code source folder})
   * @throws DatasetException naming {@code where} and the id when it is not {@link #isRelativePath}
   */
  public static Path relative(Object where, String id, String inside) {
    if (!isRelativePath(id)) {
      // the id shown says why: '', '/etc/x' or 'a/../../b'
      throw new DatasetException(where + ": id '" + id + "' is not a path inside the " + inside);
    }
    return Path.of(id);
  }

  /** Whether {@code id} is a non-empty relative path without a {@code ..} segment. */
  public static boolean isRelativePath(String id) {
    if (id.isEmpty() || id.startsWith("/") || id.startsWith("\\") || id.matches("^[A-Za-z]:.*")) {
      return false;
    }
    for (String segment : id.split("[/\\\\]")) {
      if (segment.equals("..")) {
        return false;
      }
    }
    try {
      return !Path.of(id).isAbsolute();
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
