package org.winnow.prune.active;

/**
 * Makes the round's {@link ProbabilityModel} from the labelled samples: {@link #LINEAR} trains a
 * {@link LinearHead}; a fixed network (toolkit-train) ignores the labels.
 */
public interface ModelFactory {

  /** The linear softmax head, retrained on the labelled embeddings each round. */
  ModelFactory LINEAR =
      new ModelFactory() {
        @Override
        public ProbabilityModel fit(double[][] unit, int[] rows, int[] labels, int classes) {
          return LinearHead.fit(unit, rows, labels, classes);
        }

        @Override
        public String name() {
          return "linear";
        }
      };

  /**
   * The model for this round.
   *
   * @param unit the pool's unit embeddings
   * @param rows the labelled rows
   * @param labels their labels
   * @param classes the dataset's number of classes
   */
  ProbabilityModel fit(double[][] unit, int[] rows, int[] labels, int classes);

  /** The {@code --model} value, for manifests. */
  String name();
}
