package org.winnow.datasets.idx;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.winnow.datasets.DatasetException;

/**
 * One parsed unsigned-byte IDX file.
 *
 * @param dims the sizes from the header, e.g. {@code [60000, 28, 28]}
 * @param data the elements, {@code product(dims)} bytes
 */
record IdxFile(int[] dims, byte[] data) {

  static final int UNSIGNED_BYTE = 0x08;

  /**
   * Reads an unsigned-byte IDX file with {@code expectedDims} dimensions, gunzipping names that end
   * in {@code .gz}.
   *
   * @throws DatasetException naming the file for a wrong magic number, a truncated body or trailing
   *     bytes
   */
  static IdxFile read(Path file, int expectedDims) {
    byte[] bytes;
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        InputStream in =
            file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(raw, 1 << 16)
                : raw) {
      bytes = in.readAllBytes();
    } catch (ZipException e) {
      throw new DatasetException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
    } catch (java.io.EOFException e) {
      throw new DatasetException(file + ": truncated gzip stream", e);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
    if (bytes.length < 4) {
      throw new DatasetException(
          file + ": too short for an IDX header (" + bytes.length + " bytes)");
    }
    int magic = readInt(bytes, 0);
    if (magic != expectedMagic) {
      throw new DatasetException(
          String.format(
              "%s: wrong magic number 0x%08X (expected 0x%08X for an IDX %s file)",
              file, magic, expectedMagic, expectedDims == 1 ? "label" : "image"));
    }
    int header = 4 + 4 * expectedDims;
    if (bytes.length < header) {
      throw new DatasetException(file + ": truncated IDX header");
    }
    int[] dims = new int[expectedDims];
    long elements = 1;
    for (int i = 0; i < expectedDims; i++) {
      dims[i] = readInt(bytes, 4 + 4 * i);
      if (dims[i] < 0) {
        throw new DatasetException(file + ": negative size in IDX header");
      }
      elements *= dims[i];
    }
    long body = bytes.length - (long) header;
    if (body != elements) {
      throw new DatasetException(
          String.format(
              "%s: %s (header says %s = %d bytes of data, file holds %d)",
              file,
              body < elements ? "truncated" : "trailing bytes after the data",
              describe(dims),
              elements,
              body));
    }
    byte[] data = new byte[(int) elements];
    System.arraycopy(bytes, header, data, 0, data.length);
    return new IdxFile(dims, data);
  }

  private static String describe(int[] dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : "x").append(dims[i]);
    }
    return sb.toString();
  }

  private static int readInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24)
        | ((b[at + 1] & 0xFF) << 16)
        | ((b[at + 2] & 0xFF) << 8)
        | (b[at + 3] & 0xFF);
  }
}
