package org.winnow.train.curve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.Progress;
import org.winnow.prune.Pruning;
import org.winnow.prune.Selector;

/**
 * The keep-lists of a curve's subset runs, made with {@code winnow prune}'s own code ({@link
 * Pruning}) into {@code subsets/} of the curve's folder, each method with its default options (a
 * variant with the one option it sets). A method that draws nothing (e.g. {@code semantic}: one
 * dendrogram per class serves every fraction) gets one folder, {@code subsets/semantic/}, for every
 * trial; a seeded one (e.g. {@code random}) gets one per trial, {@code subsets/random-t<trial>/},
 * drawn with the trial's seed (smaller fractions are inside larger ones). Each folder appears whole
 * or not at all, so one found on a rerun is reused.
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
    Selector selector =
        CurveMethods.subsetMethod(run.method())
            .orElseThrow(() -> new IllegalStateException(run.method() + " is not a subset method"))
            .create(run.seed());
    boolean seeded = selector.randomSeed().isPresent();
    Path out = folder.resolve(seeded ? run.method() + "-t" + run.trial() : run.method());
    if (!Files.isDirectory(out)) {
      Pruning.run(
          new Pruning.Request(
              options.embeddings(), selector, fractions, out, false, options.version()),
          progress);
    }
    Path sub = fractions.size() == 1 ? out : out.resolve(Pruning.folderName(run.fraction()));
    return Optional.of(sub.resolve("keep.csv"));
  }
}
