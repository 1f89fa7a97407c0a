package org.winnow.train;

import java.util.Locale;

/**
 * One row of {@code metrics.csv}.
 *
 * @param epoch 1-based epoch number
 * @param lr the learning rate of the epoch's last step
 * @param trainLoss mean cross-entropy over the samples trained on, on their augmented views, in
 *     training mode
 * @param trainAcc accuracy over the same
 * @param valAcc validation accuracy after the epoch, NaN without a validation set
 * @param testAcc test accuracy after the epoch, NaN without a test split
 * @param samplesSeen samples trained on since the start of the run
 * @param epochSeconds wall time of the epoch, evaluation included
 * @param selectorSeconds time the training thread spent in the selector (waiting for SALN's
 *     background choice, or JEST's scoring forward pass and draw)
 */
record EpochMetrics(
    int epoch,
    double lr,
    double trainLoss,
    double trainAcc,
    double valAcc,
    double testAcc,
    long samplesSeen,
    double epochSeconds,
    double selectorSeconds) {

  /** The header of {@code metrics.csv}. */
  static final String HEADER =
      "epoch,lr,train_loss,train_acc,val_acc,test_acc,samples_seen,epoch_seconds,selector_seconds";

  /** The CSV line (no line end); NaN accuracies are empty fields. */
  String csv() {
    return String.format(
        Locale.ROOT,
        "%d,%.8g,%.6f,%.6f,%s,%s,%d,%.3f,%.3f",
        epoch,
        lr,
        trainLoss,
        trainAcc,
        acc(valAcc),
        acc(testAcc),
        samplesSeen,
        epochSeconds,
        selectorSeconds);
  }

  private static String acc(double a) {
    return Double.isNaN(a) ? "" : String.format(Locale.ROOT, "%.6f", a);
  }
}
