package org.winnow.datasets.embeddings;

import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.SequencedMap;

/**
 * The root attributes {@code winnow embed} writes into an embeddings file, all strings, in this
 * order. Readers find them in {@link EmbeddingSet#attributes()} by these names; a NumPy set has
 * none.
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
public record EmbeddingsHeader(
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

  /** The attribute that holds the dataset index hash, by which later stages match the dataset. */
  public static final String INDEX_SHA256 = "index_sha256";

  /** The attribute that holds the writer's manifest as JSON. */
  public static final String MANIFEST = "manifest";

  /** The attribute that holds the dataset folder. */
  public static final String DATASET_PATH = "dataset_path";

  /** The attribute that holds the dataset's format, as {@code --format} names it. */
  public static final String DATASET_FORMAT = "dataset_format";

  /** The attribute that holds the split that was embedded. */
  public static final String SPLIT = "split";

  /** Checks that no field is null. */
  public EmbeddingsHeader {
    for (String s :
        new String[] {
          model,
          layer,
          datasetPath,
          datasetFormat,
          split,
          created,
          winnowVersion,
          indexSha256,
          preprocessing,
          manifest
        }) {
      Objects.requireNonNull(s, "header field");
    }
  }

  /** The attributes by name, in the order they are written. */
  public SequencedMap<String, String> attributes() {
    SequencedMap<String, String> a = new LinkedHashMap<>();
    a.put("model", model);
    a.put("layer", layer);
    a.put(DATASET_PATH, datasetPath);
    a.put(DATASET_FORMAT, datasetFormat);
    a.put(SPLIT, split);
    a.put("created", created);
    a.put("winnow_version", winnowVersion);
    a.put(INDEX_SHA256, indexSha256);
    a.put("preprocessing", preprocessing);
    a.put(MANIFEST, manifest);
    return a;
  }
}
