package org.winnow.prune.active;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import smile.classification.LogisticRegression;

/**
 * A linear softmax classifier on frozen unit embeddings, SEALS' own setting (Coleman et al.,
 * <i>Similarity Search for Efficient Active Learning and Search of Rare Concepts</i>, AAAI 2022):
 * Smile's multinomial logistic regression (L-BFGS), with an L2 penalty {@code λ/2 ‖w‖²} of {@link
 * #LAMBDA} on the summed log-likelihood (scikit-learn's {@code LogisticRegression(C = 1/λ)}).
 *
 * <p>λ = 0.1 rather than scikit-learn's default 1: unit embeddings need large weights, and with λ =
 * 1 one MaxEnt batch of 100, drawn from the few most confused classes, dropped the head's accuracy
 * on Fashion-MNIST embeddings from 74 % to 41 % (scikit-learn with {@code C = 1} drops too; with
 * {@code C = 10} it does not).
 *
 * <p>With one class among the labels there is nothing to fit: every row gets that class with
 * probability 1.
 */
public final class LinearHead implements ProbabilityModel {

  /** The L2 penalty: scikit-learn's {@code C = 10}. */
  public static final double LAMBDA = 0.1;

  /** L-BFGS stops when the relative change of the objective falls below this. */
  static final double TOLERANCE = 1e-5;

  /** L-BFGS iterations at most. */
  static final int MAX_ITERATIONS = 500;

  private final double[][] unit;
  private final int classes;
  private final LogisticRegression model;
  private final int[] modelClasses;

  private LinearHead(double[][] unit, int classes, LogisticRegression model, int[] modelClasses) {
    this.unit = unit;
    this.classes = classes;
    this.model = model;
    this.modelClasses = modelClasses;
  }

  /**
   * Trains the head.
   *
   * @param unit the unit embeddings of the pool (shared, not copied)
   * @param rows the labelled rows
   * @param labels their labels, each in {@code [0, classes)}
   * @param classes the number of classes of the dataset
   * @throws IllegalArgumentException when there are no rows or a label is out of range
   */
  public static LinearHead fit(double[][] unit, int[] rows, int[] labels, int classes) {
    Objects.requireNonNull(unit, "unit");
    if (rows.length == 0 || rows.length != labels.length) {
      throw new IllegalArgumentException("a head needs one label for each of at least one row");
    }
    for (int l : labels) {
      if (l < 0 || l >= classes) {
        throw new IllegalArgumentException("label " + l + " names no class of " + classes);
      }
    }
    int[] distinct = IntStream.of(labels).distinct().sorted().toArray();
    if (distinct.length == 1) {
      return new LinearHead(unit, classes, null, distinct);
    }
    double[][] x = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      x[i] = unit[rows[i]];
    }
    LogisticRegression lr =
        LogisticRegression.fit(
            x, labels, new LogisticRegression.Options(LAMBDA, TOLERANCE, MAX_ITERATIONS));
    return new LinearHead(unit, classes, lr, lr.classes());
  }

  @Override
  public double[][] probabilities(int[] rows) {
    double[][] out = new double[rows.length][];
    IntStream.range(0, rows.length).parallel().forEach(i -> out[i] = distribution(unit[rows[i]]));
    return out;
  }

  /** The distribution over the dataset's classes of one unit vector. */
  private double[] distribution(double[] u) {
    double[] p = new double[classes];
    if (model == null) {
      p[modelClasses[0]] = 1;
    } else {
      double[] posterior = new double[modelClasses.length];
      model.predict(u, posterior);
      for (int c = 0; c < posterior.length; c++) {
        p[modelClasses[c]] = posterior[c];
      }
    }
    return p;
  }

  /**
   * The most probable class of each unit vector (ties to the lower class), which need not be rows
   * of the pool: a held-out test set's.
   */
  public int[] predict(double[][] vectors) {
    int[] out = new int[vectors.length];
    IntStream.range(0, vectors.length)
        .parallel()
        .forEach(
            i -> {
              double[] p = distribution(vectors[i]);
              int best = 0;
              for (int c = 1; c < classes; c++) {
                if (p[c] > p[best]) {
                  best = c;
                }
              }
              out[i] = best;
            });
    return out;
  }

  /** The most probable class of each pool row. */
  public int[] predict(int[] rows) {
    return predict(Arrays.stream(rows).mapToObj(r -> unit[r]).toArray(double[][]::new));
  }

  @Override
  public String name() {
    return "linear";
  }
}
