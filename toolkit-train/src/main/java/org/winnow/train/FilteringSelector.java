package org.winnow.train;

/**
 * A selector that keeps {@code int(n · (1 − filterRatio))} of each batch of {@code n}: SALN and its
 * random control, which must train on the same number per batch to be compared.
 */
interface FilteringSelector extends BatchSelector {

  /** Samples per batch. */
  int batchSize();

  /** Fraction of each batch left out. */
  double filterRatio();

  @Override
  default int candidatesPerStep() {
    return batchSize();
  }

  @Override
  default int picks(int candidates) {
    return (int) (candidates * (1 - filterRatio()));
  }
}
