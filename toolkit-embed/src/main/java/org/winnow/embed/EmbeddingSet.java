package org.winnow.embed;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An embeddings file read into memory.
 *
 * @param embeddings {@code N × D}, row {@code i} for {@code ids[i]}; not copied
 * @param labels the class index of each row; not copied
 * @param ids the sample ids, in dataset order; not copied
 * @param classNames indexed by label
 * @param attributes the root attributes as text, in file order
 */
public record EmbeddingSet(
    float[][] embeddings,
    int[] labels,
    String[] ids,
    List<String> classNames,
    Map<String, String> attributes) {

  /** Checks that the arrays agree in length. */
  public EmbeddingSet {
    Objects.requireNonNull(embeddings, "embeddings");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(ids, "ids");
    classNames = List.copyOf(classNames);
    attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    if (labels.length != embeddings.length || ids.length != embeddings.length) {
      throw new IllegalArgumentException(
          embeddings.length
              + " embeddings, "
              + labels.length
              + " labels and "
              + ids.length
              + " ids");
    }
  }

  /** Number of rows. */
  public int size() {
    return embeddings.length;
  }

  /** Length of each embedding (0 for an empty set). */
  public int dimension() {
    return embeddings.length == 0 ? 0 : embeddings[0].length;
  }
}
