package org.winnow.prune;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.WriteFailures;

/**
 * The classes an interrupted selection finished, so that the same command continues after a kill
 * instead of starting over. Classes are independent (Birodkar et al. 2019, section 3.2), so each
 * finished class is saved at once, and a rerun restores the saved classes and computes only the
 * others; every method is deterministic for its seed, so the result equals an uninterrupted run's.
 *
 * <p>The folder holds {@code request.txt}, the fingerprint of the run (for {@code winnow prune} its
 * manifest: method, options, seed, fractions, version, the embeddings file's path and SHA-256), and
 * one {@code class-<label>.bin} per finished class: its rows and, per fraction, their group,
 * representative row and dissimilarity. Each file is written to a hidden temporary and renamed, so
 * a kill leaves whole files only. A folder made for another fingerprint is emptied; a class file
 * that does not read back whole is recomputed.
 */
public final class ClassCheckpoint {

  /** No checkpoint: nothing is restored or saved. */
  public static final ClassCheckpoint NONE = new ClassCheckpoint(null, 0);

  private static final String REQUEST = "request.txt";
  private static final int MAGIC = 0x574E4350; // "WNCP"
  private static final int VERSION = 1;

  private final Path dir;
  private final int fractions;
  private final AtomicInteger restored = new AtomicInteger();
  private final AtomicInteger saved = new AtomicInteger();

  private ClassCheckpoint(Path dir, int fractions) {
    this.dir = dir;
    this.fractions = fractions;
  }

  /**
   * Opens {@code dir} for a run: its saved classes are kept when it was made for the same {@code
   * fingerprint}, otherwise it is emptied and the fingerprint written.
   *
   * @param dir the folder, created if absent
   * @param fingerprint everything that shapes the result, as text
   * @param fractions the number of keep fractions
   */
  public static ClassCheckpoint open(Path dir, String fingerprint, int fractions)
      throws IOException {
    Path request = dir.resolve(REQUEST);
    boolean same =
        Files.isRegularFile(request)
            // bytes, not text: a damaged file that is not UTF-8 is simply another request
            && java.util.Arrays.equals(
                Files.readAllBytes(request), fingerprint.getBytes(StandardCharsets.UTF_8));
    if (!same) {
      AtomicFiles.deleteTree(dir);
      Files.createDirectories(dir);
      AtomicFiles.writeString(request, fingerprint);
    } else {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.toList()) {
          if (p.getFileName().toString().startsWith(".")) {
            Files.delete(p); // the temporary of a class being saved at the kill
          }
        }
      }
    }
    return new ClassCheckpoint(dir, fractions);
  }

  /** Classes restored from an earlier run so far. */
  public int restoredClasses() {
    return restored.get();
  }

  /** Classes saved by this run so far. */
  public int savedClasses() {
    return saved.get();
  }

  private Path file(int label) {
    return dir.resolve("class-" + label + ".bin");
  }

  /**
   * Fills the saved result of class {@code label} into {@code out} (one {@link Groups} per
   * fraction), if there is one for exactly these rows.
   *
   * @return whether the class was restored
   */
  boolean restore(int label, int[] rows, List<Groups> out) {
    if (dir == null || !Files.isRegularFile(file(label))) {
      return false;
    }
    int n = rows.length;
    int[][] group = new int[fractions][n];
    int[][] representative = new int[fractions][n];
    double[][] dissimilarity = new double[fractions][n];
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file(label))))) {
      if (in.readInt() != MAGIC
          || in.readInt() != VERSION
          || in.readInt() != label
          || in.readInt() != n
          || in.readInt() != fractions) {
        return false;
      }
      for (int row : rows) {
        if (in.readInt() != row) {
          return false;
        }
      }
      for (int f = 0; f < fractions; f++) {
        for (int i = 0; i < n; i++) {
          group[f][i] = in.readInt();
          representative[f][i] = in.readInt();
          dissimilarity[f][i] = in.readDouble();
          if (group[f][i] < 0
              || representative[f][i] < 0
              || representative[f][i] >= out.get(f).representative().length) {
            return false; // damaged: computed again
          }
        }
      }
      if (in.read() != -1) {
        return false;
      }
    } catch (IOException e) {
      return false; // not whole: the class is computed again and the file replaced
    }
    for (int f = 0; f < fractions; f++) {
      Groups g = out.get(f);
      for (int i = 0; i < n; i++) {
        g.group()[rows[i]] = group[f][i];
        g.representative()[rows[i]] = representative[f][i];
        g.dissimilarity()[rows[i]] = dissimilarity[f][i];
      }
    }
    restored.incrementAndGet();
    return true;
  }

  /** Saves the result of class {@code label}, as {@code out} holds it for its rows. */
  void save(int label, int[] rows, List<Groups> out) {
    if (dir == null) {
      return;
    }
    try {
      Path temp = AtomicFiles.tempSibling(file(label));
      try {
        try (DataOutputStream o =
            new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp)))) {
          o.writeInt(MAGIC);
          o.writeInt(VERSION);
          o.writeInt(label);
          o.writeInt(rows.length);
          o.writeInt(fractions);
          for (int row : rows) {
            o.writeInt(row);
          }
          for (Groups g : out) {
            for (int row : rows) {
              o.writeInt(g.group()[row]);
              o.writeInt(g.representative()[row]);
              o.writeDouble(g.dissimilarity()[row]);
            }
          }
        }
        AtomicFiles.commit(temp, file(label));
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(WriteFailures.describe(file(label), e), e);
    }
    saved.incrementAndGet();
  }

  /** Deletes the folder: the run it served is complete. */
  public void delete() throws IOException {
    if (dir != null) {
      AtomicFiles.deleteTree(dir);
    }
  }
}
