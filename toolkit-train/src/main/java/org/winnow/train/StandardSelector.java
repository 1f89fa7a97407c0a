package org.winnow.train;

import java.util.Arrays;

/** Trains on every sample of every batch. */
record StandardSelector(int batchSize) implements BatchSelector {

  @Override
  public int candidatesPerStep() {
    return batchSize;
  }

  @Override
  public int picks(int candidates) {
    return candidates;
  }

  @Override
  public int[] select(int epoch, int step, int[] candidates, LearnerLoss learner) {
    int[] out = candidates.clone();
    Arrays.sort(out);
    return out;
  }
}
