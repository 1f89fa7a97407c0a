package org.winnow.train;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The compute-equal control for SALN: from each batch of {@code n}, {@code int(n · (1 −
 * filterRatio))} samples chosen uniformly at random, as many as SALN keeps. Without it one cannot
 * tell SALN's spectral choice from merely training on fewer samples.
 *
 * @param batchSize samples per batch
 * @param filterRatio fraction of each batch left out
 * @param seed the run's seed
 */
public record RandomBatchSelector(int batchSize, double filterRatio, long seed)
    implements FilteringSelector {

  /**
   * The options of {@code random-batch}.
   *
   * @param filterRatio the fraction of each batch left out
   */
  public record Options(FilterRatio filterRatio) implements SelectorOptions {

    /** Validates the options. */
    public Options {
      Objects.requireNonNull(filterRatio, "filterRatio");
    }

    /** The options among selector options in text form. */
    static Options of(Map<String, String> settings) {
      return new Options(FilterRatio.of(settings));
    }

    @Override
    public SortedMap<String, String> describe() {
      return new TreeMap<>(Map.of(FilterRatio.KEY, filterRatio.text()));
    }

    @Override
    public BatchSelector create(SelectorContext context) {
      return new RandomBatchSelector(context.batchSize(), filterRatio.value(), context.seed());
    }
  }

  @Override
  public int[] select(int epoch, int step, int[] candidates, LearnerLoss learner) {
    int[] c = candidates.clone();
    SplittableRandom r = new SplittableRandom(Seeds.mix(seed, Seeds.SELECT, epoch, step));
    int k = picks(c.length);
    for (int i = 0; i < k; i++) {
      int j = i + r.nextInt(c.length - i);
      int t = c[i];
      c[i] = c[j];
      c[j] = t;
    }
    int[] out = Arrays.copyOf(c, k);
    Arrays.sort(out);
    return out;
  }
}
