package org.winnow.spark.embed;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.folder.FileListDataset;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Inference;

/**
 * What every task of one run needs besides its rows, sent from the driver: the model options (as
 * plain fields, since {@link Inference.Options} is not serializable), the index's class names and
 * first row (which fix the model's input channels and, for an architecture, its head), the key of
 * the model the driver opened, and where parts go.
 *
 * @param source the manifest or folder, for messages
 * @param model the model spec
 * @param device the device choice, {@link DeviceChoice#id()}
 * @param imageSize the requested image side, 0 for automatic
 * @param seed the seed of an architecture's initialisation
 * @param batchSize images per forward pass
 * @param workers decoding threads per task
 * @param classNames class names, indexed by label
 * @param first the first row of the index
 * @param modelKey {@link org.winnow.embed.LoadedModel#key()} on the driver; an executor whose model
 *     differs refuses to embed
 * @param partsFolder the folder parts are written to
 * @param datasetRoot {@link ImageIndex#datasetRoot()}: a binary dataset every task opens, or empty
 */
record EmbedJob(
    String source,
    String model,
    String device,
    int imageSize,
    int seed,
    int batchSize,
    int workers,
    List<String> classNames,
    ImageRow first,
    String modelKey,
    String partsFolder,
    String datasetRoot)
    implements Serializable {

  /** Copies the list into a serializable one. */
  EmbedJob {
    classNames = List.copyOf(classNames);
  }

  /** The options of the run's one {@link Inference} pass per part. */
  Inference.Options inference() {
    return new Inference.Options(
        model,
        DeviceChoice.valueOf(device.toUpperCase(java.util.Locale.ROOT)),
        imageSize == 0 ? OptionalInt.empty() : OptionalInt.of(imageSize),
        seed,
        batchSize,
        workers);
  }

  /**
   * The dataset that decodes {@code rows}: the image files themselves, decoded as {@code winnow
   * embed} decodes a folder's, or the binary dataset, opened once in this JVM.
   */
  ImageDataset dataset(List<ImageRow> rows) {
    if (!datasetRoot.isEmpty()) {
      return OpenDatasets.get(datasetRoot).dataset();
    }
    return new FileListDataset(
        Path.of(first.path()).getRoot(),
        classNames,
        rows.stream().map(ImageRow::sample).toList(),
        ColorMode.RGB);
  }

  /** The samples of {@code rows} in {@link #dataset}. */
  List<Sample> samples(List<ImageRow> rows) {
    if (datasetRoot.isEmpty()) {
      return rows.stream().map(ImageRow::sample).toList();
    }
    OpenDatasets.Open open = OpenDatasets.get(datasetRoot);
    return rows.stream().map(r -> open.sample(r.id(), source)).toList();
  }

  /** Checks that every image file of {@code rows} is there (a binary dataset's rows are). */
  void checkExists(List<ImageRow> rows) {
    if (datasetRoot.isEmpty()) {
      rows.forEach(r -> r.checkExists(source));
    }
  }

  /** These fields with the driver's model key. */
  EmbedJob withModelKey(String key) {
    return new EmbedJob(
        source,
        model,
        device,
        imageSize,
        seed,
        batchSize,
        workers,
        classNames,
        first,
        key,
        partsFolder,
        datasetRoot);
  }

  /**
   * What a loaded model is kept under: everything that decides it but the model key, which is
   * checked against the model once it is open (a file replaced at the same path is refused, not
   * loaded twice).
   */
  String holderKey() {
    return String.join(
        "\u0000",
        model,
        device,
        Integer.toString(imageSize),
        Integer.toString(seed),
        Integer.toString(batchSize),
        Integer.toString(workers),
        Integer.toString(classNames.hashCode()),
        first.path(),
        datasetRoot);
  }
}
