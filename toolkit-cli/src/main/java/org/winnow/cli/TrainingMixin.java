package org.winnow.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.winnow.datasets.OpenOptions;
import org.winnow.embed.DeviceChoice;
import org.winnow.nets.Architecture;
import org.winnow.train.Augmentation;
import org.winnow.train.BatchSelectors;
import org.winnow.train.FilterRatio;
import org.winnow.train.JestSelector;
import org.winnow.train.Recipe;
import org.winnow.train.RunSettings;
import org.winnow.train.SalnSelector;
import org.winnow.train.Schedule;
import org.winnow.train.SelectorSpec;
import org.winnow.train.Sgd;
import org.winnow.train.TrainData;
import org.winnow.train.TrainOptions;
import org.winnow.train.curve.CurveTrainer;
import org.winnow.train.curve.TrainingCurveTrainer;
import picocli.CommandLine.Option;

/**
 * The training options shared by {@code train}, {@code run} and {@code curve}: everything {@link
 * TrainOptions} holds except what a job varies (keep-list, selector, seed, run folder). Defaults
 * are {@link TrainOptions#defaults}; each option is validated by the record that holds it.
 */
final class TrainingMixin {

  @Option(
      names = "--arch",
      defaultValue = "resnet20",
      paramLabel = "ARCH",
      description = "resnet20, resnet32 or resnet18. Default: ${DEFAULT-VALUE}.")
  String arch;

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      description =
          "Side of the square network input: images are resized (shorter side) and centre-cropped"
              + " to it. Default: the first training image's shorter side (32 for CIFAR, 28 for"
              + " MNIST).")
  Integer imageSize;

  @Option(
      names = "--epochs",
      defaultValue = "" + Recipe.DEFAULT_EPOCHS,
      paramLabel = "E",
      description = "Epochs of every training run. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "" + Recipe.DEFAULT_BATCH,
      paramLabel = "B",
      description = "Samples per step. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "" + Sgd.DEFAULT_LR,
      paramLabel = "LR",
      description = "Peak learning rate. Default: ${DEFAULT-VALUE}.")
  double lr;

  @Option(
      names = "--momentum",
      defaultValue = "0.9",
      paramLabel = "M",
      description = "SGD momentum. Default: ${DEFAULT-VALUE}.")
  double momentum;

  @Option(
      names = "--weight-decay",
      defaultValue = "5e-4",
      paramLabel = "WD",
      description = "L2 penalty. Default: ${DEFAULT-VALUE}.")
  double weightDecay;

  @Option(
      names = "--schedule",
      defaultValue = "one-cycle",
      paramLabel = "NAME",
      description = "Learning-rate schedule (see winnow train --help). Default: ${DEFAULT-VALUE}.")
  String schedule;

  @Option(
      names = "--warmup-epochs",
      paramLabel = "W",
      description =
          "Warm-up epochs (fractions allowed). Default: 15%% of --epochs for one-cycle, 0"
              + " otherwise.")
  Double warmupEpochs;

  @Option(
      names = "--augment",
      defaultValue = "crop,flip",
      paramLabel = "LIST",
      description =
          "Augmentations, comma-separated (crop, flip, rotate15, jitter). Default: ${DEFAULT-VALUE}.")
  String augment;

  @Option(
      names = "--filter-ratio",
      defaultValue = "" + FilterRatio.DEFAULT,
      paramLabel = "R",
      description =
          "Fraction of each batch saln, random-batch and jest leave out. Default: ${DEFAULT-VALUE}.")
  double filterRatio;

  @Option(
      names = "--jest-chunks",
      defaultValue = "" + JestSelector.Options.DEFAULT_CHUNKS,
      paramLabel = "N",
      description = "Chunks jest draws its batch in. Default: ${DEFAULT-VALUE}.")
  int jestChunks;

  @Option(
      names = "--reference-model",
      paramLabel = "RUN_DIR",
      description = "jest: the reference model (a winnow train run folder or checkpoint).")
  Path referenceModel;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "auto (GPU when DJL sees one, else CPU), cpu or gpu.")
  DeviceChoice device;

  /**
   * A trainer with these options.
   *
   * @param referenceEmbeddings saln's reference features (the curve's embeddings), if any
   */
  CurveTrainer trainer(Path data, OpenOptions open, Optional<Path> referenceEmbeddings) {
    return new TrainingCurveTrainer(options(data, open, referenceEmbeddings));
  }

  /**
   * These options as {@link TrainOptions} (keep-list, selector, seed and run folder at their
   * defaults, for the caller to set).
   */
  TrainOptions options(Path data, OpenOptions open, Optional<Path> referenceEmbeddings) {
    return new TrainOptions(
        TrainData.of(data)
            .withOpen(open)
            .withImageSize(imageSize == null ? OptionalInt.empty() : OptionalInt.of(imageSize)),
        new Recipe(
            Architecture.fromId(arch),
            epochs,
            batchSize,
            new Sgd(
                lr,
                momentum,
                weightDecay,
                Schedule.fromId(schedule),
                warmupEpochs == null ? OptionalDouble.empty() : OptionalDouble.of(warmupEpochs)),
            Augmentation.parse(augment)),
        new SelectorSpec(BatchSelectors.STANDARD, selectorSettings(referenceEmbeddings)),
        RunSettings.defaults(data).withDevice(device.resolve()).withVersion(Winnow.version()));
  }

  /** The selector options of the command line, by manifest name. */
  private TreeMap<String, String> selectorSettings(Optional<Path> referenceEmbeddings) {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(FilterRatio.KEY, Double.toString(filterRatio));
    m.put(JestSelector.Options.CHUNKS, Integer.toString(jestChunks));
    referenceEmbeddings.ifPresent(
        p -> m.put(SalnSelector.Options.REFERENCE_EMBEDDINGS, p.toString()));
    if (referenceModel != null) {
      m.put(JestSelector.Options.REFERENCE_MODEL, referenceModel.toString());
    }
    return m;
  }

  /** The demo's trainer: the default recipe on ResNet-20, with another length and batch size. */
  static CurveTrainer demoTrainer(Path data, int epochs, int batchSize) {
    return new TrainingCurveTrainer(
        TrainOptions.defaults(data, data)
            .withRecipe(
                r ->
                    r.withArchitecture(Architecture.RESNET20)
                        .withEpochs(epochs)
                        .withBatchSize(batchSize))
            .withRun(r -> r.withVersion(Winnow.version())));
  }
}
