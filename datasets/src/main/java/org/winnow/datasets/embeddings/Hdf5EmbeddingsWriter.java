package org.winnow.datasets.embeddings;

import static org.winnow.datasets.embeddings.Hdf5Embeddings.CLASS_NAMES;
import static org.winnow.datasets.embeddings.Hdf5Embeddings.EMBEDDINGS;
import static org.winnow.datasets.embeddings.Hdf5Embeddings.IDS;
import static org.winnow.datasets.embeddings.Hdf5Embeddings.LABELS;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.FloatingPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.SequencedMap;
import org.winnow.datasets.DatasetException;

/**
 * Writes the layout of {@link Hdf5Embeddings}, the contract between {@code winnow embed}, the
 * stages after it, and h5py. A writer holds what is small (labels, ids, class names, root
 * attributes); the rows come from memory ({@link #write}) or from earlier files of the same layout
 * ({@link #assemble}, how {@code winnow embed} joins its shards), and are never all in memory in
 * the second case.
 *
 * <p>jHDF 0.13 writes a dataset only from one Java array and cannot append, but it writes a 2-D
 * float array row by row through a one-row buffer and stores it contiguously. So jHDF is given a
 * {@code float[N][]} whose rows are all the same {@code float[D]} of zeros (N references, not N × D
 * floats); it lays out the file and writes the zeros. The file is then read back with jHDF to find
 * where {@code /embeddings}' data starts and in which byte order, and the rows are streamed into
 * that region through a {@link FileChannel}, a bounded buffer at a time, at {@code long} offsets
 * (no 2 GiB limit). All of it happens in a temporary file; only the finished file is renamed into
 * place ({@link AtomicHdf5}).
 *
 * <p>jHDF 0.13 writes strings as fixed-length, null-terminated UTF-8 (the length of the longest
 * value): h5py reads them as {@code bytes} with encoding {@code utf-8}, so {@code
 * f['ids'].asstr()[()]} gives {@code str}. Attributes are written as strings, in the order given.
 */
public final class Hdf5EmbeddingsWriter {

  /** Bytes streamed per channel write. */
  private static final int BUFFER_BYTES = 1 << 20;

  private final int[] labels;
  private final String[] ids;
  private final List<String> classNames;
  private final SequencedMap<String, String> attributes;

  /**
   * A writer of files with these columns.
   *
   * @param labels the label of each row
   * @param ids the id of each row, as many as labels
   * @param classNames indexed by label; when empty, no {@code /class_names} is written and readers
   *     number the classes (the shards of {@code winnow embed} need none)
   * @param attributes the root attributes, written in their order
   */
  public Hdf5EmbeddingsWriter(
      int[] labels,
      List<String> ids,
      List<String> classNames,
      SequencedMap<String, String> attributes) {
    this.labels = labels.clone();
    this.ids = ids.toArray(String[]::new);
    this.classNames = List.copyOf(classNames);
    this.attributes = new LinkedHashMap<>(attributes);
    if (this.ids.length != this.labels.length) {
      throw new IllegalArgumentException(labels.length + " labels but " + ids.size() + " ids");
    }
  }

  /**
   * Writes {@code set} at {@code file}, attributes sorted by name; the file is complete or absent.
   *
   * @throws DatasetException naming the file when it cannot be written
   * @throws IllegalArgumentException when the set is empty (jHDF 0.13 cannot store an empty array)
   */
  public static void write(Path file, EmbeddingSet set) {
    new Hdf5EmbeddingsWriter(set.labels(), set.ids(), set.classNames(), set.attributes())
        .write(file, set.vectors());
  }

  /**
   * Writes a complete file at {@code target} whose rows are {@code vectors}, as they are (no check
   * of their values).
   *
   * @throws DatasetException naming the file when it cannot be written or a row's length differs
   *     from the first's
   * @throws IllegalArgumentException when there are no rows, or not one per label
   */
  public void write(Path target, float[][] vectors) {
    if (vectors.length != labels.length) {
      throw new IllegalArgumentException(
          target + ": " + vectors.length + " rows but " + labels.length + " labels");
    }
    int dimension = vectors.length == 0 ? 0 : vectors[0].length;
    write(target, dimension, List.of(new Part(target.toString(), () -> vectors)));
  }

  /**
   * Writes a complete file at {@code target} whose rows are those of {@code parts} (files of this
   * layout), in order, holding one part and one buffer at a time.
   *
   * @throws DatasetException naming the file when it cannot be written or a part cannot be read, or
   *     naming the part whose rows do not fit
   */
  public void assemble(Path target, List<Path> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("no parts to assemble into " + target);
    }
    long dimension = new Hdf5Embeddings(parts.getFirst()).summarize().dimension();
    write(
        target,
        (int) dimension,
        parts.stream()
            .map(p -> new Part(p.toString(), () -> new Hdf5Embeddings(p).vectors()))
            .toList());
  }

  /** Rows from one place, read when their turn comes. */
  private record Part(String name, java.util.function.Supplier<float[][]> rows) {}

  private void write(Path target, int dimension, List<Part> parts) {
    int rows = labels.length;
    if (rows == 0) {
      throw new IllegalArgumentException(
          target + ": an empty set cannot be written (jHDF 0.13 cannot store an empty array)");
    }
    if (dimension < 1) {
      throw new IllegalArgumentException(target + ": rows of dimension " + dimension);
    }
    float[][] layout = new float[rows][];
    Arrays.fill(layout, new float[dimension]);
    AtomicHdf5.write(
        target,
        f -> {
          f.putDataset(EMBEDDINGS, layout);
          f.putDataset(LABELS, labels);
          f.putDataset(IDS, ids);
          if (!classNames.isEmpty()) {
            f.putDataset(CLASS_NAMES, classNames.toArray(String[]::new));
          }
          attributes.forEach(f::putAttribute);
        },
        temp -> streamRows(temp, target, dimension, parts));
  }

  /**
   * Overwrites the zeros jHDF wrote for {@code /embeddings} in {@code file}, the temporary of
   * {@code target}, with the parts.
   */
  private void streamRows(Path file, Path target, int dimension, List<Part> parts)
      throws IOException {
    int rows = labels.length;
    long rowBytes = (long) dimension * Float.BYTES;
    Region region = region(file, rows, dimension);
    ByteBuffer buffer =
        ByteBuffer.allocateDirect((int) Math.max(BUFFER_BYTES, rowBytes)).order(region.order());
    long written = 0;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (Part part : parts) {
        float[][] block = Objects.requireNonNull(part.rows().get(), part.name());
        if (written + block.length > rows) {
          throw new DatasetException(
              part.name() + ": more rows than the " + rows + " labels of " + target);
        }
        long position = region.address() + written * rowBytes;
        for (int i = 0; i < block.length; i++) {
          if (block[i].length != dimension) {
            throw new DatasetException(
                part.name()
                    + ": row "
                    + i
                    + " has "
                    + block[i].length
                    + " values, expected "
                    + dimension);
          }
          if (buffer.remaining() < rowBytes) {
            position += drain(channel, buffer, position);
          }
          buffer.asFloatBuffer().put(block[i]);
          buffer.position(buffer.position() + (int) rowBytes);
        }
        drain(channel, buffer, position);
        written += block.length;
      }
      if (written != rows) {
        throw new DatasetException(
            target + ": the parts hold " + written + " rows, expected " + rows);
      }
      channel.force(false);
    }
  }

  /**
   * Where and how jHDF stored {@code /embeddings}.
   *
   * @param address the file offset of row 0
   * @param order the byte order of its floats
   */
  private record Region(long address, ByteOrder order) {}

  private static Region region(Path file, int rows, int dimension) throws IOException {
    try (HdfFile f = new HdfFile(file)) {
      Dataset d = f.getDatasetByPath(EMBEDDINGS);
      if (!(d instanceof ContiguousDataset c)
          || !(d.getDataType() instanceof FloatingPoint fp)
          || fp.getSize() != Float.BYTES
          || !Arrays.equals(d.getDimensions(), new int[] {rows, dimension})
          || d.getSizeInBytes() != (long) rows * dimension * Float.BYTES) {
        throw new IOException(
            "jHDF did not lay /embeddings out as one contiguous float32 ["
                + rows
                + ", "
                + dimension
                + "] block");
      }
      return new Region(c.getDataAddress(), fp.getByteOrder());
    } catch (HdfException e) {
      throw new IOException("cannot read back the file jHDF wrote: " + e.getMessage(), e);
    }
  }

  /** Writes the buffer's content at {@code position}, empties it, and returns the bytes written. */
  private static long drain(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    buffer.flip();
    long written = 0;
    while (buffer.hasRemaining()) {
      written += channel.write(buffer, position + written);
    }
    buffer.clear();
    return written;
  }
}
