package org.winnow.spark.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;

/**
 * The finished parts of a job (classes, or SemDeDup's clusters) in its work folder: one file each,
 * {@code <kind>-<number><suffix>}, written under a hidden name and renamed, so a file that exists
 * is whole and a rerun skips its part.
 *
 * @param folder the work folder, beside the output
 * @param kind the part's name in file names: {@code class} or {@code cluster}
 * @param suffix the files' suffix
 */
record WorkFolder(Path folder, String kind, String suffix) {

  /**
   * A Spark local property: a task fails instead of starting a part once the work folder holds this
   * many finished parts. How the tests kill a job part-way.
   */
  static final String FAIL_AFTER = "winnow.test.failAfterParts";

  /** The file of part {@code number}. */
  Path file(int number) {
    return folder.resolve(kind + "-" + number + suffix);
  }

  /** The finished parts, by number. */
  Map<Integer, Path> finished() throws IOException {
    Map<Integer, Path> out = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    String prefix = kind + "-";
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(
          f -> {
            String name = f.getFileName().toString();
            if (name.startsWith(prefix) && name.endsWith(suffix)) {
              out.put(
                  Integer.parseInt(
                      name.substring(prefix.length(), name.length() - suffix.length())),
                  f);
            }
          });
    }
    return out;
  }

  /** Fails the task about to start part {@code number} when {@link #FAIL_AFTER} asks it to. */
  void failIfAsked(int number) throws IOException {
    TaskContext task = TaskContext.get();
    String failAfter = task == null ? null : task.getLocalProperty(FAIL_AFTER);
    if (failAfter != null && finished().size() >= Integer.parseInt(failAfter)) {
      throw new IllegalStateException(
          kind + " " + number + ": failed on purpose (" + FAIL_AFTER + ")");
    }
  }
}
