package org.winnow.train.curve;

import org.winnow.datasets.Progress;

/**
 * Forwards progress with the run's name before each stage, e.g. {@code semantic-0.9-t1 epoch 2}.
 */
record LabelledProgress(String label, Progress target) implements Progress {

  @Override
  public void start(String stage, long total) {
    target.start(label + " " + stage, total);
  }

  @Override
  public void advance(long amount) {
    target.advance(amount);
  }

  @Override
  public void finish() {
    target.finish();
  }
}
