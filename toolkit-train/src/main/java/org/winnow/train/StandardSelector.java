package org.winnow.train;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trains on every sample of every batch.
 *
 * @param batchSize samples per step
 */
public record StandardSelector(int batchSize) implements BatchSelector {

  /** Standard training has no options. */
  public record Options() implements SelectorOptions {

    /** The options among selector options in text form: none. */
    static Options of(Map<String, String> settings) {
      return new Options();
    }

    @Override
    public SortedMap<String, String> describe() {
      return new TreeMap<>();
    }

    @Override
    public BatchSelector create(SelectorContext context) {
      return new StandardSelector(context.batchSize());
    }
  }

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
