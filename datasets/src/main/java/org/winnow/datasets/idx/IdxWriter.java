package org.winnow.datasets.idx;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.winnow.datasets.AtomicFiles;

/**
 * Writes unsigned-byte IDX files, gzipped when the name ends in {@code .gz}. Used to draw the
 * bundled sample and by tests. Each file is written to a temporary name and then renamed, so a
 * reader never sees half a file; gzip output has no timestamp, so the bytes depend on the data
 * alone.
 */
public final class IdxWriter {

  private IdxWriter() {}

  /** Writes {@code count} images of {@code rows x cols} bytes. */
  public static void writeImages(Path file, int count, int rows, int cols, byte[] pixels)
      throws IOException {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(
          "pixel count does not match " + count + "x" + rows + "x" + cols);
    }
    write(file, new int[] {count, rows, cols}, pixels);
  }

  /** Writes one label byte per sample. */
  public static void writeLabels(Path file, byte[] labels) throws IOException {
    write(file, new int[] {labels.length}, labels);
  }

  private static void write(Path file, int[] dims, byte[] data) throws IOException {
    Path tmp = AtomicFiles.tempSibling(file);
    try {
      try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
          OutputStream maybeGz =
              file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw;
          DataOutputStream out = new DataOutputStream(maybeGz)) {
        out.writeInt((IdxFile.UNSIGNED_BYTE << 8) | dims.length);
        for (int d : dims) {
          out.writeInt(d);
        }
        out.write(data);
      }
      AtomicFiles.commit(tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
