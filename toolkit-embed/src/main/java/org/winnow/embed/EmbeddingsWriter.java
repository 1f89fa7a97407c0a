package org.winnow.embed;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The embeddings file, the contract between {@code winnow embed} and the stages after it:
 *
 * <pre>
 * /embeddings   float32        [N, D]  one row per sample, in dataset order
 * /labels       int32          [N]     class index of each row
 * /ids          UTF-8 strings  [N]     the dataset's sample ids, same order
 * /class_names  UTF-8 strings  [C]     indexed by label
 * root attributes (strings): model, layer, dataset_path, dataset_format, split, created,
 *   winnow_version, index_sha256, preprocessing, manifest (JSON of all options)
 * </pre>
 *
 * <p>jHDF 0.13 writes strings as fixed-length, null-terminated UTF-8 (the length of the longest
 * value): h5py reads them as {@code bytes} with encoding {@code utf-8}, so {@code
 * f['ids'].asstr()[()]} gives {@code str}. Files written by h5py with the same dataset names
 * (variable-length strings, other integer or float widths) are read here too.
 */
public final class EmbeddingFile {

  /** Names of the datasets in the file. */
  static final String EMBEDDINGS = "embeddings";

  static final String LABELS = "labels";
  static final String IDS = "ids";
  static final String CLASS_NAMES = "class_names";

  private EmbeddingFile() {}

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
   * @param manifest JSON object of every option of the run
   */
  public record Header(
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
      f.putAttribute("index_sha256", indexSha256);
      f.putAttribute("preprocessing", preprocessing);
      f.putAttribute("manifest", manifest);
    }
  }

  /** Writes a complete file at {@code target} (temp then rename). */
  static void write(
      Path target,
      float[][] embeddings,
      int[] labels,
      String[] ids,
      List<String> classNames,
      Header header) {
    AtomicHdf5.write(
        target,
        f -> {
          f.putDataset(EMBEDDINGS, embeddings);
          f.putDataset(LABELS, labels);
          f.putDataset(IDS, ids);
          f.putDataset(CLASS_NAMES, classNames.toArray(String[]::new));
          header.writeTo(f);
        });
  }

  /**
   * Reads a whole embeddings file.
   *
   * @throws EmbeddingException naming the file when it is missing, not HDF5 or lacks a dataset
   */
  public static EmbeddingSet read(Path file) {
    try (HdfFile f = open(file)) {
      float[][] embeddings = floats(file, dataset(file, f, EMBEDDINGS).getData());
      int[] labels = ints(file, dataset(file, f, LABELS).getData());
      String[] ids = strings(file, IDS, dataset(file, f, IDS).getData());
      List<String> classes =
          List.of(strings(file, CLASS_NAMES, dataset(file, f, CLASS_NAMES).getData()));
      return new EmbeddingSet(embeddings, labels, ids, classes, AtomicHdf5.attributes(f));
    } catch (HdfException e) {
      throw new EmbeddingException(
          file + ": unreadable HDF5: " + ModelSpecs.oneLine(e.getMessage()), e);
    }
  }

  /**
   * What {@code winnow embeddings inspect} shows, without reading the embeddings themselves.
   *
   * @param file the file
   * @param rows N
   * @param dimension D
   * @param classNames the class names
   * @param countsPerClass rows per label
   * @param attributes the root attributes as text
   */
  public record Summary(
      Path file,
      long rows,
      long dimension,
      List<String> classNames,
      long[] countsPerClass,
      Map<String, String> attributes) {}

  /**
   * Reads the shape, labels and attributes of an embeddings file.
   *
   * @throws EmbeddingException naming the file when it is missing, not HDF5 or lacks a dataset
   */
  public static Summary summarize(Path file) {
    try (HdfFile f = open(file)) {
      int[] dims = dataset(file, f, EMBEDDINGS).getDimensions();
      if (dims.length != 2) {
        throw new EmbeddingException(
            file + ": /embeddings has shape " + Arrays.toString(dims) + ", expected [N, D]");
      }
      int[] labels = ints(file, dataset(file, f, LABELS).getData());
      List<String> classes =
          List.of(strings(file, CLASS_NAMES, dataset(file, f, CLASS_NAMES).getData()));
      long[] counts = new long[classes.size()];
      for (int label : labels) {
        if (label < 0 || label >= counts.length) {
          throw new EmbeddingException(
              file + ": label " + label + " is outside the " + counts.length + " class names");
        }
        counts[label]++;
      }
      return new Summary(file, dims[0], dims[1], classes, counts, AtomicHdf5.attributes(f));
    } catch (HdfException e) {
      throw new EmbeddingException(
          file + ": unreadable HDF5: " + ModelSpecs.oneLine(e.getMessage()), e);
    }
  }

  private static HdfFile open(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new EmbeddingException(file + ": no such file");
    }
    try {
      return new HdfFile(file);
    } catch (HdfException e) {
      throw new EmbeddingException(
          file + ": not an HDF5 file: " + ModelSpecs.oneLine(e.getMessage()), e);
    }
  }

  static Dataset dataset(Path file, HdfFile f, String name) {
    if (!(f.getChildren().get(name) instanceof Dataset d)) {
      throw new EmbeddingException(file + ": no /" + name + " dataset");
    }
    return d;
  }

  static float[][] floats(Path file, Object data) {
    if (data instanceof float[][] m) {
      return m;
    }
    if (data instanceof double[][] d) {
      float[][] m = new float[d.length][];
      for (int i = 0; i < d.length; i++) {
        m[i] = new float[d[i].length];
        for (int j = 0; j < d[i].length; j++) {
          m[i][j] = (float) d[i][j];
        }
      }
      return m;
    }
    throw new EmbeddingException(file + ": /embeddings is not a 2-D float array");
  }

  static int[] ints(Path file, Object data) {
    if (data instanceof int[] a) {
      return a;
    }
    if (data != null
        && data.getClass().isArray()
        && data.getClass().getComponentType().isPrimitive()
        && !(data instanceof float[] || data instanceof double[] || data instanceof boolean[])) {
      int[] out = new int[Array.getLength(data)];
      for (int i = 0; i < out.length; i++) {
        out[i] = Math.toIntExact(((Number) Array.get(data, i)).longValue());
      }
      return out;
    }
    throw new EmbeddingException(file + ": /labels is not a 1-D integer array");
  }

  static String[] strings(Path file, String name, Object data) {
    if (data instanceof String[] s) {
      return s;
    }
    throw new EmbeddingException(file + ": /" + name + " is not a 1-D string array");
  }
}
