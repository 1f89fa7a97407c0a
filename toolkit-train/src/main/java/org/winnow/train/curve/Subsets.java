package org.winnow.train.curve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.Progress;
import org.winnow.prune.Pruning;
import org.winnow.prune.RandomSelector;
import org.winnow.prune.Selector;
import org.winnow.prune.SemanticSelector;

/**
 * The keep-lists of a curve's subset runs, made with {@code winnow prune}'s own code ({@link
 * Pruning}) into {@code subsets/} of the curve's folder: {@code subsets/semantic/} once for every
 * fraction (one dendrogram per class serves them all) and {@code subsets/random-t<trial>/} once per
 * trial (the trial's seed draws the subset; smaller fractions are inside larger ones). Each folder
 * appears whole or not at all, so one found on a rerun is reused.
 */
final class Subsets {

  private final Path folder;
  private final CurveOptions options;
  private final List<Double> fractions;

  Subsets(Path folder, CurveOptions options) {
    this.folder = folder;
    this.options = options;
    this.fractions =
        options.fractions().stream().filter(f -> f < 1).sorted(Comparator.reverseOrder()).toList();
  }

  /** The keep-list of a run, computing its folder on first use; empty for the full set. */
  Optional<Path> keepList(PlannedRun run, Progress progress) throws IOException {
    if (run.fraction() >= 1) {
      return Optional.empty();
    }
    boolean random = run.method().equals(CurveMethod.RANDOM.id());
    Path out = folder.resolve(random ? "random-t" + run.trial() : run.method());
    if (!Files.isDirectory(out)) {
      Selector selector =
          random
              ? new RandomSelector(run.seed())
              : new SemanticSelector(SemanticSelector.Options.defaults());
      Pruning.run(
          new Pruning.Request(
              options.embeddings(), selector, fractions, out, false, options.version()),
          progress);
    }
    Path sub = fractions.size() == 1 ? out : out.resolve(Pruning.folderName(run.fraction()));
    return Optional.of(sub.resolve("keep.csv"));
  }
}
