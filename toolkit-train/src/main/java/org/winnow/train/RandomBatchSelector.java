package org.winnow.train;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The compute-equal control for SALN: from each batch of {@code n}, {@code int(n · (1 −
 * filterRatio))} samples chosen uniformly at random, as many as SALN keeps. Without it one cannot
 * tell SALN's spectral choice from merely training on fewer samples.
 */
record RandomBatchSelector(int batchSize, double filterRatio, long seed)
    implements FilteringSelector {

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
