package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writing outputs so that a reader, or a rerun after a kill, never sees half of one: write to a
 * hidden sibling, then rename it into place. Unlike {@link Files#createTempFile}, siblings made
 * here get the default permissions (the user's umask), not owner-only ones.
 */
public final class AtomicFiles {

  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFiles() {}

  /**
   * A fresh, not-yet-existing hidden path in the same folder as {@code target}, e.g. {@code
   * .keep.csv.tmp-4711-3}. The folder is created if needed.
   */
  public static Path tempSibling(Path target) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    return dir.resolve(
        "."
            + abs.getFileName()
            + ".tmp-"
            + ProcessHandle.current().pid()
            + "-"
            + COUNTER.incrementAndGet());
  }

  /** What writes a file's bytes, for {@link #write}. */
  @FunctionalInterface
  public interface Body {
    /** Writes the whole file to {@code out}. */
    void write(java.io.OutputStream out) throws IOException;
  }

  /**
   * Writes a file through {@code body} to a hidden sibling and renames it onto {@code target}, so
   * the file is complete or absent (its folder is created if needed); a failure names {@code
   * target} ({@link WriteFailures}).
   */
  public static void write(Path target, Body body) throws IOException {
    Path temp = tempSibling(target);
    try {
      try (java.io.OutputStream out =
          new java.io.BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
        body.write(out);
      }
      commit(temp, target);
    } catch (IOException e) {
      throw WriteFailures.naming(target, e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Writes {@code text} as UTF-8, as {@link #write} does. */
  public static void writeString(Path target, CharSequence text) throws IOException {
    write(
        target,
        out -> out.write(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Moves a finished temporary file or folder onto {@code target}, atomically. */
  public static void commit(Path temp, Path target) throws IOException {
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Moves a finished temporary folder onto {@code target}; an existing {@code target} is first
   * moved aside and deleted only once the new folder is in place (restored if the move fails).
   */
  public static void replaceFolder(Path temp, Path target) throws IOException {
    if (!Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      commit(temp, target);
      return;
    }
    Path old = tempSibling(target);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    try {
      commit(temp, target);
    } catch (IOException e) {
      Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      throw e;
    }
    deleteTree(old);
  }

  /** Deletes a file or a folder with everything in it; quietly does nothing if it is absent. */
  public static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
