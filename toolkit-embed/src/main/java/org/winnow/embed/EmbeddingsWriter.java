package org.winnow.embed;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
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
import java.util.List;

/**
 * Writes the embeddings file, the contract between {@code winnow embed} and the stages after it
 * (read back by {@link org.winnow.datasets.embeddings.EmbeddingsFile}, and by h5py):
 *
 * <pre>
 * /embeddings   float32        [N, D]  one row per sample, in dataset order
 * /labels       int32          [N]     class index of each row
 * /ids          UTF-8 strings  [N]     the dataset's sample ids, same order
 * /class_names  UTF-8 strings  [C]     indexed by label
 * root attributes (strings): model, layer, dataset_path, dataset_format, split, created,
 *   winnow_version, index_sha256, preprocessing, manifest (JSON, see Manifest)
 * </pre>
 *
 * <p>The rows are never all in memory. jHDF 0.13 writes a dataset only from one Java array and
 * cannot append, but it writes a 2-D float array row by row through a one-row buffer and stores it
 * contiguously. So jHDF is given a {@code float[N][]} whose rows are all the same {@code float[D]}
 * of zeros (N references, not N × D floats); it lays out the file and writes the zeros. The file is
 * then read back with jHDF to find where {@code /embeddings}' data starts and in which byte order,
 * and the rows are streamed from the shards into that region through a {@link FileChannel}, a
 * bounded buffer at a time, at {@code long} offsets (no 2 GiB limit). All of it happens in the
 * temporary file; only the finished file is renamed into place ({@link AtomicHdf5}). Labels, ids
 * and class names are written from memory (1.28 M ids are tens of MB).
 *
 * <p>jHDF 0.13 writes strings as fixed-length, null-terminated UTF-8 (the length of the longest
 * value): h5py reads them as {@code bytes} with encoding {@code utf-8}, so {@code
 * f['ids'].asstr()[()]} gives {@code str}.
 */
final class EmbeddingsWriter {

  /** Names of the datasets in the file. */
  static final String EMBEDDINGS = "embeddings";

  static final String LABELS = "labels";
  static final String IDS = "ids";
  static final String CLASS_NAMES = "class_names";

  /** Bytes streamed per channel write. */
  private static final int BUFFER_BYTES = 1 << 20;

  private EmbeddingsWriter() {}

  /**
   * The root attributes Winnow writes.
   *
   * @param model what the model was (architecture and checkpoint, TorchScript file, zoo URL)
   * @param layer which output the embedding is
   * @param datasetPath the dataset folder, absolute
   * @param datasetFormat {@code cifar10}, {@code idx}, …
   * @param split {@code train}, {@code val}, {@code test} or {@code all}
   * @param created ISO-8601 UTC time the file was written
   * @param winnowVersion version of the writer
   * @param indexSha256 {@link org.winnow.datasets.IndexHash} of the whole dataset
   * @param preprocessing how pixels became model input
   * @param manifest JSON object of the run ({@link org.winnow.datasets.manifest.Manifest})
   */
  record Header(
      String model,
      String layer,
      String datasetPath,
      String datasetFormat,
      String split,
      String created,
      String winnowVersion,
      String indexSha256,
      String preprocessing,
      String manifest) {

    void writeTo(WritableHdfFile f) {
      f.putAttribute("model", model);
      f.putAttribute("layer", layer);
      f.putAttribute("dataset_path", datasetPath);
      f.putAttribute("dataset_format", datasetFormat);
      f.putAttribute("split", split);
      f.putAttribute("created", created);
      f.putAttribute("winnow_version", winnowVersion);
      f.putAttribute(org.winnow.datasets.embeddings.EmbeddingsFile.INDEX_HASH, indexSha256);
      f.putAttribute("preprocessing", preprocessing);
      f.putAttribute(org.winnow.datasets.embeddings.EmbeddingsFile.MANIFEST, manifest);
    }
  }

  /**
   * Writes a complete file at {@code target} (temp then rename) whose {@code /embeddings} are the
   * rows of {@code shards}, in order, holding one shard and one buffer at a time.
   *
   * @param dimension D; every row of every shard must have it
   * @throws EmbeddingException naming the file when it cannot be written or a shard does not fit
   */
  static void write(
      Path target,
      ShardFolder shards,
      int dimension,
      int[] labels,
      String[] ids,
      List<String> classNames,
      Header header) {
    int rows = labels.length;
    if (ids.length != rows || shards.rows() != rows || dimension < 1) {
      throw new IllegalArgumentException(
          rows + " labels, " + ids.length + " ids, " + shards.rows() + " rows of " + dimension);
    }
    float[][] layout = new float[rows][];
    Arrays.fill(layout, new float[dimension]);
    AtomicHdf5.write(
        target,
        f -> {
          f.putDataset(EMBEDDINGS, layout);
          f.putDataset(LABELS, labels);
          f.putDataset(IDS, ids);
          f.putDataset(CLASS_NAMES, classNames.toArray(String[]::new));
          header.writeTo(f);
        },
        temp -> streamRows(temp, shards, rows, dimension));
  }

  /** Overwrites the zeros jHDF wrote for {@code /embeddings} in {@code file} with the shards. */
  private static void streamRows(Path file, ShardFolder shards, int rows, int dimension)
      throws IOException {
    long rowBytes = (long) dimension * Float.BYTES;
    Region region = region(file, rows, dimension);
    ByteBuffer buffer =
        ByteBuffer.allocateDirect((int) Math.max(BUFFER_BYTES, rowBytes)).order(region.order());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int k = 0; k < shards.shardCount(); k++) {
        float[][] block = shards.read(k);
        long position = region.address() + shards.firstRow(k) * rowBytes;
        for (int i = 0; i < block.length; i++) {
          if (block[i].length != dimension) {
            throw new EmbeddingException(
                shards.shard(k)
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
