package org.winnow.prune.active;

import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * Makes the round's {@link ProbabilityModel} from the labelled samples: {@link #LINEAR} trains a
 * {@link LinearHead}; a fixed network (toolkit-train) ignores the labels.
 */
public interface ModelFactory {

  /** The linear softmax head, retrained on the labelled embeddings each round. */
  ModelFactory LINEAR =
      new ModelFactory() {
        @Override
        public ProbabilityModel fit(EmbeddingSet data, double[][] unit, int[] rows, int[] labels) {
          return LinearHead.fit(unit, rows, labels, data.classNames().size());
        }

        @Override
        public String name() {
          return "linear";
        }
      };

  /**
   * The model for this round.
   *
   * @param data the pool
   * @param unit its unit embeddings
   * @param rows the labelled rows
   * @param labels their labels
   */
  ProbabilityModel fit(EmbeddingSet data, double[][] unit, int[] rows, int[] labels);

  /** The {@code --model} value, for manifests. */
  String name();
}
