package org.winnow.datasets.embeddings;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;

/**
 * Reads and writes the embeddings HDF5 file that {@code winnow embed} produces and {@code winnow
 * prune} consumes:
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
 * <p>Root attributes are kept as text ({@code model}, {@code dataset_format}, {@code index_sha256},
 * {@code manifest}, ...). Files written by h5py are accepted as they come: float64 embeddings and
 * any integer type of labels (NumPy's default int64) are converted, fixed-length and
 * variable-length strings both read, and a missing {@code /class_names} becomes the labels' numbers
 * {@code "0"} to {@code "C-1"}.
 */
public final class EmbeddingsFile {

  /**
   * The root attribute that holds the dataset index hash ({@link org.winnow.datasets.IndexHash}).
   */
  public static final String INDEX_HASH = "index_sha256";

  /** The root attribute that holds the writer's manifest as JSON. */
  public static final String MANIFEST = "manifest";

  private EmbeddingsFile() {}

  /**
   * Reads and validates an embeddings file.
   *
   * @throws DatasetException with one line naming the file when it is missing, is not HDF5, lacks a
   *     dataset, or holds invalid data (see {@link EmbeddingSet})
   */
  public static EmbeddingSet read(Path file) {
    return read(file, SLICE_BYTES);
  }

  /**
   * Bytes of {@code /embeddings} read at once. jHDF maps what it reads as one buffer, which cannot
   * pass 2 GiB, so a whole ImageNet-sized file (1.28 M × 2,048 floats, 10.5 GB) is read in slices
   * of whole rows.
   */
  static final long SLICE_BYTES = 64L << 20;

  /** {@link #read(Path)} in slices of at most {@code sliceBytes} (at least one row each). */
  static EmbeddingSet read(Path file, long sliceBytes) {
    String src = file.toString();
    try (HdfFile h5 = open(file)) {
      float[][] vectors = floatRows(src, dataset(h5, src, "embeddings"), sliceBytes);
      int[] labels = ints(src, dataset(h5, src, "labels"));
      List<String> ids = strings(src, dataset(h5, src, "ids"));
      return new EmbeddingSet(
          src, ids, labels, classNames(h5, src, labels), vectors, attributes(h5));
    } catch (io.jhdf.exceptions.HdfException e) {
      throw unreadable(src, e);
    }
  }

  /**
   * What {@code winnow embeddings inspect} shows: the shape, classes and attributes of a file, read
   * without its embeddings, so that it costs the labels' memory, not N × D floats.
   *
   * @param file the file
   * @param rows N
   * @param dimension D
   * @param classNames indexed by label
   * @param countsPerClass rows per label
   * @param attributes the root attributes as text, sorted by name
   */
  public record Summary(
      Path file,
      long rows,
      long dimension,
      List<String> classNames,
      long[] countsPerClass,
      SortedMap<String, String> attributes) {}

  /**
   * Reads the shape, labels and attributes of an embeddings file.
   *
   * @throws DatasetException with one line naming the file when it is missing, is not HDF5, lacks a
   *     dataset, or a label names no class
   */
  public static Summary summarize(Path file) {
    String src = file.toString();
    try (HdfFile h5 = open(file)) {
      int[] dims = dataset(h5, src, "embeddings").getDimensions();
      if (dims.length != 2) {
        throw new DatasetException(
            src + ": /embeddings must be 2-D [N, D], it has shape " + Arrays.toString(dims));
      }
      int[] labels = ints(src, dataset(h5, src, "labels"));
      if (labels.length != dims[0]) {
        throw new DatasetException(
            String.format(
                "%s: lengths disagree: %,d embeddings, %,d labels", src, dims[0], labels.length));
      }
      List<String> classNames = classNames(h5, src, labels);
      long[] counts = new long[classNames.size()];
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= counts.length) {
          throw new DatasetException(
              String.format(
                  "%s: label %d at row %d is outside the %d class names",
                  src, labels[i], i, counts.length));
        }
        counts[labels[i]]++;
      }
      return new Summary(file, dims[0], dims[1], classNames, counts, attributes(h5));
    } catch (io.jhdf.exceptions.HdfException e) {
      throw unreadable(src, e);
    }
  }

  private static HdfFile open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(
          file + (Files.exists(file) ? ": is not a file" : ": no such file"));
    }
    return new HdfFile(file);
  }

  private static DatasetException unreadable(String src, io.jhdf.exceptions.HdfException e) {
    return new DatasetException(src + ": cannot read as HDF5 (" + e.getMessage() + ")", e);
  }

  private static List<String> classNames(HdfFile h5, String src, int[] labels) {
    return h5.getChild("class_names") instanceof Dataset d
        ? strings(src, d)
        : numberedClasses(labels);
  }

  /**
   * Reads only the root attributes of an embeddings file (model, dataset path and format, index
   * hash, manifest, ...), as text, without loading the vectors.
   *
   * @throws DatasetException with one line naming the file when it is missing or not HDF5
   */
  public static Map<String, String> readAttributes(Path file) {
    try (HdfFile h5 = open(file)) {
      return java.util.Collections.unmodifiableMap(attributes(h5));
    } catch (io.jhdf.exceptions.HdfException e) {
      throw unreadable(file.toString(), e);
    }
  }

  /**
   * Writes a set in the layout above, through a temporary sibling renamed into place, so the file
   * is either complete or absent. Attributes are written as strings.
   */
  public static void write(Path file, EmbeddingSet set) throws IOException {
    Path temp = AtomicFiles.tempSibling(file);
    try {
      try (WritableHdfFile h5 = HdfFile.write(temp)) {
        h5.putDataset("embeddings", set.vectors());
        h5.putDataset("labels", set.labels());
        h5.putDataset("ids", set.ids().toArray(String[]::new));
        h5.putDataset("class_names", set.classNames().toArray(String[]::new));
        for (Map.Entry<String, String> a : set.attributes().entrySet()) {
          h5.putAttribute(a.getKey(), a.getValue());
        }
      }
      AtomicFiles.commit(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
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
    int[] dims = d.getDimensions();
    if (dims.length != 2) {
      throw new DatasetException(
          src + ": /embeddings must be 2-D [N, D], it has shape " + Arrays.toString(dims));
    }
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
    return d.getData();
  }

  private static List<String> numberedClasses(int[] labels) {
    int max = Arrays.stream(labels).max().orElse(-1);
    List<String> names = new ArrayList<>();
    for (int c = 0; c <= max; c++) {
      names.add(Integer.toString(c));
    }
    return names;
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
