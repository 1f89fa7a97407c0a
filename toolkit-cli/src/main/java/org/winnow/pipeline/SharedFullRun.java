package org.winnow.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.winnow.datasets.Progress;
import org.winnow.train.curve.CurveMethods;
import org.winnow.train.curve.CurveTrainer;

/**
 * A trainer that trains the full-set standard run of a seed once per process: the demo's reference
 * network and its curve's full run of trial 1 are the same training (same options, same seed), so
 * the second request gets a copy of the first's run folder and its outcome. Any other request, or
 * one after a reference that this process did not train, goes to the wrapped trainer.
 */
final class SharedFullRun implements CurveTrainer {

  private final CurveTrainer trainer;
  private final Path finalReferenceRun;
  private CurveTrainer.Outcome reference;
  private long referenceSeed;

  /**
   * @param trainer the trainer
   * @param finalReferenceRun where the first full run's folder lies once its stage is complete
   */
  SharedFullRun(CurveTrainer trainer, Path finalReferenceRun) {
    this.trainer = trainer;
    this.finalReferenceRun = finalReferenceRun;
  }

  @Override
  public SortedMap<String, String> settings() {
    return trainer.settings();
  }

  @Override
  public Outcome train(Request r, Progress progress) throws IOException {
    boolean full = r.selector().equals(CurveMethods.STANDARD) && r.keepList().isEmpty();
    if (full && reference != null && r.seed() == referenceSeed && !r.resume()) {
      copyTree(finalReferenceRun, r.runDir());
      return reference;
    }
    Outcome o = trainer.train(r, progress);
    if (full && reference == null) {
      reference = o;
      referenceSeed = r.seed();
    }
    return o;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
