package org.winnow.datasets.embeddings;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.Sha256;

/**
 * The embeddings file {@code winnow embed} produces, read; {@link Hdf5EmbeddingsWriter} writes it.
 * The layout is defined here and nowhere else:
 *
 * <table>
 *   <caption>Layout</caption>
 *   <tr><th>dataset</th><th>type</th><th>content</th></tr>
 *   <tr><td>{@code /embeddings}</td><td>float32 [N, D]</td><td>one row per sample</td></tr>
 *   <tr><td>{@code /labels}</td><td>int32 [N]</td><td>class index</td></tr>
 *   <tr><td>{@code /ids}</td><td>UTF-8 strings [N]</td><td>sample ids, dataset order</td></tr>
 *   <tr><td>{@code /class_names}</td><td>strings [C]</td><td>indexed by label</td></tr>
 * </table>
 *
 * <p>Root attributes are kept as text ({@link EmbeddingsHeader} lists Winnow's). Files written by
 * h5py are accepted as they come: float64 embeddings and any integer type of labels (NumPy's
 * default int64) are converted, fixed-length and variable-length strings both read, and a missing
 * {@code /class_names} becomes the labels' numbers {@code "0"} to {@code "C-1"}.
 */
public final class Hdf5Embeddings implements EmbeddingSource {

  /** The datasets of the layout. */
  static final String EMBEDDINGS = "embeddings";

  static final String LABELS = "labels";
  static final String IDS = "ids";
  static final String CLASS_NAMES = "class_names";

  /**
   * Bytes of {@code /embeddings} read at once. jHDF maps what it reads as one buffer, which cannot
   * pass 2 GiB, so a whole ImageNet-sized file (1.28 M × 2,048 floats, 10.5 GB) is read in slices
   * of whole rows.
   */
  static final long SLICE_BYTES = 64L << 20;

  private final Path file;

  /** The file at {@code file}; nothing is read yet. */
  public Hdf5Embeddings(Path file) {
    this.file = file;
  }

  @Override
  public Path file() {
    return file;
  }

  /**
   * Reads and validates the file.
   *
   * @throws DatasetException with one line naming the file when it is missing, is not HDF5, lacks a
   *     dataset, or holds invalid data (see {@link EmbeddingSet})
   */
  @Override
  public EmbeddingSet read() {
    return read(SLICE_BYTES);
  }

  /** {@link #read()} in slices of at most {@code sliceBytes} (at least one row each). */
  EmbeddingSet read(long sliceBytes) {
    String src = file.toString();
    return withFile(
        h5 -> {
          Dataset embeddings = dataset(h5, src, EMBEDDINGS);
          HeapCheck.requireFits(src, rows(src, embeddings), embeddings.getDimensions()[1]);
          float[][] vectors = floatRows(src, embeddings, sliceBytes);
          int[] labels = ints(src, dataset(h5, src, LABELS));
          List<String> ids = strings(src, dataset(h5, src, IDS));
          return new EmbeddingSet(
              src, ids, labels, classNames(h5, src, labels), vectors, attributes(h5));
        });
  }

  /**
   * The rows of {@code /embeddings} as stored, without the checks of {@link EmbeddingSet}: what
   * {@link Hdf5EmbeddingsWriter#assemble} copies from each part.
   */
  float[][] vectors() {
    String src = file.toString();
    return withFile(h5 -> floatRows(src, dataset(h5, src, EMBEDDINGS), SLICE_BYTES));
  }

  /**
   * Reads the shape, labels and attributes of the file.
   *
   * @throws DatasetException with one line naming the file when it is missing, is not HDF5, lacks a
   *     dataset, or a label names no class
   */
  @Override
  public EmbeddingSummary summarize() {
    String src = file.toString();
    return withFile(
        h5 -> {
          Dataset embeddings = dataset(h5, src, EMBEDDINGS);
          int n = rows(src, embeddings);
          int[] labels = ints(src, dataset(h5, src, LABELS));
          return EmbeddingSummary.count(
              file,
              n,
              embeddings.getDimensions()[1],
              labels,
              classNames(h5, src, labels),
              attributes(h5));
        });
  }

  /**
   * Reads only the root attributes (model, dataset path and format, index hash, manifest, ...), as
   * text, without loading the vectors.
   *
   * @throws DatasetException with one line naming the file when it is missing or not HDF5
   */
  @Override
  public SortedMap<String, String> attributes() {
    return withFile(h5 -> Collections.unmodifiableSortedMap(attributes(h5)));
  }

  @Override
  public String sha256() throws IOException {
    return Sha256.of(file);
  }

  /**
   * Runs {@code body} on the open file. jHDF reports a damaged file with whatever exception its
   * parser meets (arithmetic, buffer, index, null pointer, ...), so every one that is not already
   * Winnow's one-line message becomes "cannot read as HDF5".
   */
  private <T> T withFile(Function<HdfFile, T> body) {
    EmbeddingSet.requireFile(file);
    try (HdfFile h5 = new HdfFile(file)) {
      return body.apply(h5);
    } catch (DatasetException e) {
      throw e;
    } catch (RuntimeException e) {
      throw unreadable(e);
    } catch (OutOfMemoryError e) {
      // a damaged size field that jHDF allocates before Winnow can check it
      throw new DatasetException(
          file + ": cannot read as HDF5 (a size in the file does not fit in memory; damaged?)", e);
    }
  }

  private DatasetException unreadable(RuntimeException e) {
    String why = e instanceof HdfException ? e.getMessage() : e.getClass().getSimpleName();
    String damaged = e instanceof HdfException ? "" : ": damaged or not an HDF5 file";
    return new DatasetException(file + ": cannot read as HDF5 (" + why + ")" + damaged, e);
  }

  /**
   * The rows N of {@code /embeddings}, once its shape is known to be 2-D.
   *
   * @throws DatasetException when it is not 2-D
   */
  private static int rows(String src, Dataset embeddings) {
    int[] dims = embeddings.getDimensions();
    if (dims.length != 2) {
      throw notTwoD(src, dims);
    }
    return dims[0];
  }

  private static DatasetException notTwoD(String src, int[] dims) {
    return new DatasetException(
        src + ": /embeddings must be 2-D [N, D], it has shape " + Arrays.toString(dims));
  }

  private static List<String> classNames(HdfFile h5, String src, int[] labels) {
    return h5.getChild(CLASS_NAMES) instanceof Dataset d
        ? strings(src, d)
        : EmbeddingSet.numberedClasses(src, labels);
  }

  private static Dataset dataset(HdfFile h5, String src, String name) {
    Node node = h5.getChild(name);
    if (node instanceof Dataset d) {
      return d;
    }
    throw new DatasetException(
        src
            + ": no /"
            + name
            + " dataset (an embeddings file holds /embeddings, /labels, /ids and /class_names)");
  }

  private static float[][] floatRows(String src, Dataset d, long sliceBytes) {
    rows(src, d);
    int[] dims = d.getDimensions();
    Class<?> type = d.getJavaType();
    if (type != float.class && type != double.class) {
      throw new DatasetException(
          src + ": /embeddings must hold float32 or float64, not " + type.getSimpleName());
    }
    int n = dims[0];
    int dim = dims[1];
    float[][] rows = new float[n][];
    if (n == 0) {
      return rows;
    }
    long rowBytes = Math.max(1L, (long) dim * d.getDataType().getSize());
    int slice = (int) Math.clamp(sliceBytes / rowBytes, 1, n);
    for (int start = 0; start < n; start += slice) {
      int count = Math.min(slice, n - start);
      Object part =
          slice == n ? d.getData() : d.getData(new long[] {start, 0}, new int[] {count, dim});
      if (part == null) {
        throw new DatasetException(src + ": /embeddings declares rows but holds none");
      }
      switch (part) {
        case float[][] f -> System.arraycopy(f, 0, rows, start, count);
        case double[][] dd -> {
          for (int i = 0; i < count; i++) {
            float[] f = new float[dim];
            for (int j = 0; j < dim; j++) {
              f[j] = (float) dd[i][j];
            }
            rows[start + i] = f;
          }
        }
        default ->
            throw new DatasetException(
                src + ": /embeddings must hold float32 or float64, not " + type.getSimpleName());
      }
    }
    return rows;
  }

  private static int[] ints(String src, Dataset d) {
    Object data = oneDimensional(src, d);
    int n = Array.getLength(data);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      Object v = Array.get(data, i);
      if (!(v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)) {
        throw new DatasetException(src + ": /labels must hold integers");
      }
      long l = ((Number) v).longValue();
      if (l != (int) l) {
        throw new DatasetException(src + ": /labels value " + l + " at row " + i + " is too big");
      }
      out[i] = (int) l;
    }
    return out;
  }

  private static List<String> strings(String src, Dataset d) {
    Object data = oneDimensional(src, d);
    if (!(data instanceof String[] s)) {
      throw new DatasetException(src + ": /" + d.getName() + " must hold strings");
    }
    return Arrays.asList(s);
  }

  private static Object oneDimensional(String src, Dataset d) {
    if (d.getDimensions().length != 1) {
      throw new DatasetException(
          src
              + ": /"
              + d.getName()
              + " must be 1-D, it has shape "
              + Arrays.toString(d.getDimensions()));
    }
    Object data = d.getData();
    if (data == null) {
      // jHDF returns null for a dataset whose storage was never written
      if (d.getDimensions()[0] != 0) {
        throw new DatasetException(
            src + ": /" + d.getName() + " declares values but holds none (never written)");
      }
      return d.getJavaType() == String.class ? new String[0] : new int[0];
    }
    return data;
  }

  private static TreeMap<String, String> attributes(HdfFile h5) {
    TreeMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, Attribute> a : h5.getAttributes().entrySet()) {
      Object v = a.getValue().getData();
      out.put(a.getKey(), v != null && v.getClass().isArray() ? arrayText(v) : String.valueOf(v));
    }
    return out;
  }

  private static String arrayText(Object array) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < Array.getLength(array); i++) {
      parts.add(String.valueOf(Array.get(array, i)));
    }
    return String.join(",", parts);
  }
}
