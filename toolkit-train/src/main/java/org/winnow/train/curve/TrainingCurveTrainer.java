package org.winnow.train.curve;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.train.KeepIds;
import org.winnow.train.TrainOptions;
import org.winnow.train.TrainResult;
import org.winnow.train.Training;

/**
 * The curve's trainer: {@link Training#run} with fixed options, varied per run in the keep-list,
 * selector, seed and run folder. A run's selector keeps the base's selector options (filter ratio,
 * reference inputs, ...) and changes only its name.
 *
 * @param base the options every run shares; its keep-list, selector, seed, run folder and resume
 *     flag are replaced per run
 */
public record TrainingCurveTrainer(TrainOptions base) implements CurveTrainer {

  /** The options of {@link TrainOptions#describe} that vary per run, left out of the settings. */
  private static final List<String> PER_RUN =
      List.of("keep", "keep_ids_sha256", "selector", "seed");

  @Override
  public SortedMap<String, String> settings() {
    TreeMap<String, String> m = new TreeMap<>(base.describe());
    PER_RUN.forEach(m::remove);
    return m;
  }

  @Override
  public Outcome train(Request r, Progress progress) {
    TrainOptions o =
        base.withSelector(s -> s.withName(r.selector()))
            .withData(d -> d.withKeep(r.keepList().map(KeepIds::read)))
            .withRun(x -> x.withSeed(r.seed()).withOut(r.runDir()).withResume(r.resume()));
    TrainResult t = Training.run(o, progress);
    return new Outcome(t.finalTestAccuracy(), t.bestTestAccuracy(), t.wallSeconds(), t.trainSize());
  }
}
