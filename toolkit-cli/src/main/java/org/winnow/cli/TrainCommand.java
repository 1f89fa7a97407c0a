package org.winnow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winnow.train.BatchSelectors;
import org.winnow.train.KeepIds;
import org.winnow.train.TrainOptions;
import org.winnow.train.TrainResult;
import org.winnow.train.Training;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow train}: trains a network on a dataset or a keep-list of it. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a ResNet on the train split of a dataset (or the samples of a keep-list from winnow"
          + " prune) and reports test accuracy after every epoch. The test split is never trained"
          + " on. Writes RUN_DIR/metrics.csv (one row per epoch), RUN_DIR/result.json (final and"
          + " best test accuracy, wall time, samples trained, manifest), RUN_DIR/train.log and"
          + " RUN_DIR/checkpoint/ (read by winnow embed --model RUN_DIR). Each epoch is"
          + " checkpointed; --resume continues a killed run exactly.",
      "",
      "Selectors (--selector; B = --batch-size, r = --filter-ratio):"
      // the registered selectors follow, one line each: see spec(CommandSpec)
    },
    footer = {
      "",
      "Examples:",
      "  winnow train --arch resnet20 --epochs 5 --batch-size 64 --out runs/sample",
      "  winnow train --data ~/cifar-10-batches-bin --arch resnet18 --out runs/c10-full",
      "  winnow train --data ~/cifar-10-batches-bin --keep pruned/keep-0.9/keep.csv --seed 1 \\",
      "      --out runs/c10-90",
      "  winnow train --data ~/cifar-10-batches-bin --selector saln --filter-ratio 0.5 \\",
      "      --reference-embeddings c10.h5 --out runs/c10-saln",
      "  winnow train --data ~/cifar-10-batches-bin --selector jest --filter-ratio 0.8 \\",
      "      --reference-model runs/c10-full --out runs/c10-jest",
      "  winnow train --data ~/cifar-10-batches-bin --out runs/c10-full --resume   after a kill"
    })
final class TrainCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "RUN_DIR",
      description = "Run folder; refused if it exists and is not empty, unless --resume.")
  Path out;

  @Option(
      names = "--keep",
      paramLabel = "FILE",
      description = "Train only on the samples of this keep.csv (winnow prune).")
  Path keep;

  @Mixin TrainingMixin training;

  @Option(
      names = "--selector",
      defaultValue = BatchSelectors.STANDARD,
      paramLabel = "SEL",
      completionCandidates = SelectorNames.class,
      description = "${COMPLETION-CANDIDATES} (see above). Default: ${DEFAULT-VALUE}.")
  String selector;

  @Option(
      names = "--reference-embeddings",
      paramLabel = "FILE",
      description =
          "saln: embeddings of this dataset (winnow embed's HDF5, or NumPy .npy/.npz"
              + " whose ids are the dataset's sample ids).")
  Path referenceEmbeddings;

  @Option(
      names = "--val-fraction",
      defaultValue = "0",
      paramLabel = "F",
      description =
          "Hold out this fraction of each class of the train split for validation (seeded)."
              + " Default: 0.")
  double valFraction;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description =
          "Seed of initialisation, shuffling, augmentation and selection. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--workers",
      defaultValue = "2",
      paramLabel = "N",
      description = "Threads decoding folder images. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(names = "--resume", description = "Continue the run in --out from its last epoch.")
  boolean resume;

  CommandLine.Model.CommandSpec spec;

  /** Receives the command's spec, and appends the registered selectors to its description. */
  @CommandLine.Spec
  void spec(CommandLine.Model.CommandSpec commandSpec) {
    this.spec = commandSpec;
    List<String> lines = new ArrayList<>(List.of(commandSpec.usageMessage().description()));
    lines.addAll(
        MethodOptions.table(
            BatchSelectors.names(),
            BatchSelectors.entries().stream().map(BatchSelectors.Entry::description).toList()));
    lines.add("");
    commandSpec.usageMessage().description(lines.toArray(String[]::new));
  }

  /** The registered selectors' names, for {@code --selector}'s help and completion. */
  static final class SelectorNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return BatchSelectors.names().iterator();
    }
  }

  @Override
  public Integer call() {
    TrainOptions options = options();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        "training %s on %s, device %s -> %s%n",
        options.recipe().architecture(), data.path(), options.run().device(), out);
    o.flush();
    TrainResult r = Training.run(options, ConsoleProgress.forStderr(spec.commandLine().getErr()));
    o.printf(
        "test accuracy %.4f (best %.4f), %,d samples trained, %,d in the training set, %.1f s -> %s%n",
        r.finalTestAccuracy(),
        r.bestTestAccuracy(),
        r.samplesTrained(),
        r.trainSize(),
        r.wallSeconds(),
        r.runDir().resolve("result.json"));
    o.flush();
    return 0;
  }

  /** The options, or a usage error naming the bad one. */
  private TrainOptions options() {
    // Every option value is checked before the keep-list is read, which may take a while; a bad
    // keep-list is bad input (exit 1), not a bad option value.
    TrainOptions options = withKeep(Optional.empty());
    return keep == null ? options : withKeep(Optional.of(readKeep(keep)));
  }

  private TrainOptions withKeep(Optional<KeepIds> keepIds) {
    try {
      return training
          .options(data.path(), data.openOptions(), Optional.ofNullable(referenceEmbeddings))
          .withData(d -> d.withKeep(keepIds).withValFraction(valFraction))
          .withSelector(s -> s.withName(selector))
          .withRun(r -> r.withSeed(seed).withOut(out).withResume(resume).withWorkers(workers));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static KeepIds readKeep(Path file) {
    try {
      return KeepIds.read(file);
    } catch (IllegalArgumentException e) {
      throw new org.winnow.datasets.DatasetException(e.getMessage(), e);
    }
  }
}
