package org.winnow.prune.active;

/**
 * A classifier's predicted class probabilities for rows of the pool: what the uncertainty scores
 * are computed from. {@link LinearHead} is one, trained on the labelled embeddings; a {@code winnow
 * train} network, through the public inference API, is another (toolkit-train).
 */
public interface ProbabilityModel {

  /**
   * The class probabilities of each row.
   *
   * @param rows rows of the pool
   * @return one distribution per row, over all the dataset's classes (classes the model never saw
   *     have probability 0)
   */
  double[][] probabilities(int[] rows);

  /** How the model is made, e.g. {@code linear} or a run folder, for manifests. */
  String name();
}
