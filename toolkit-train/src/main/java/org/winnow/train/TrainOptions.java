package org.winnow.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.winnow.datasets.OpenOptions;
import org.winnow.nets.Architecture;
import org.winnow.nets.NetworkSpec;

/**
 * Everything a training run is given. {@link #defaults} is the stable recipe: ResNet-20, 15 epochs,
 * SGD with learning rate 0.05, momentum 0.9 and weight decay 5e-4, one-cycle schedule with 15%
 * warm-up, batch 512, fp32, crop and flip. Fields are validated here; whether files exist and fit
 * the dataset is checked when the run starts.
 *
 * @param data the dataset folder
 * @param open how to open it (format, bad-image policy)
 * @param keep restrict training to these ids of the train split; empty for the whole split
 * @param architecture the network
 * @param imageSize the side of the square network input in pixels; images are resized (shorter
 *     side) and centre-cropped to it as they stream. Empty: the shorter side of the train split's
 *     first image (32 for CIFAR, 28 for MNIST). A binary split (IDX, CIFAR) at its own size is held
 *     on the device whole; at another size it streams like a folder
 * @param epochs passes over the training set, at least 1
 * @param batchSize samples per step (for {@code jest}: samples trained per step), at least 1
 * @param learningRate the peak learning rate
 * @param momentum SGD momentum in [0, 1)
 * @param weightDecay L2 penalty on every parameter
 * @param schedule the learning-rate schedule
 * @param warmupEpochs warm-up length in epochs (fractions allowed); empty for the schedule's
 *     default (15% of the run for one-cycle, none otherwise)
 * @param augment the augmentations of training images
 * @param selector which samples of each batch are trained on
 * @param filterRatio fraction of each batch that {@code saln}, {@code random-batch} and {@code
 *     jest} leave out, in [0, 1)
 * @param jestChunks how many chunks {@code jest} draws its batch in, at least 1
 * @param referenceEmbeddings {@code saln}: the fixed reference features (an embeddings HDF5 file)
 * @param referenceModel {@code jest}: a run folder or checkpoint of the reference model
 * @param valFraction fraction of each class of the train split held out for validation, in [0, 1)
 * @param seed fixes initialisation, shuffling, augmentation, validation split and selection
 * @param out the run folder
 * @param resume continue the run in {@code out} from its last completed epoch
 * @param device where to train
 * @param workers decoding threads for folder datasets
 * @param version the Winnow version recorded in the manifest
 */
public record TrainOptions(
    Path data,
    OpenOptions open,
    Optional<KeepIds> keep,
    Architecture architecture,
    OptionalInt imageSize,
    int epochs,
    int batchSize,
    double learningRate,
    double momentum,
    double weightDecay,
    Schedule schedule,
    OptionalDouble warmupEpochs,
    Set<Augmentation> augment,
    SelectorKind selector,
    double filterRatio,
    int jestChunks,
    Optional<Path> referenceEmbeddings,
    Optional<Path> referenceModel,
    double valFraction,
    long seed,
    Path out,
    boolean resume,
    Device device,
    int workers,
    String version) {

  /** Default peak learning rate. */
  public static final double DEFAULT_LR = 0.05;

  /** Default batch size. */
  public static final int DEFAULT_BATCH = 512;

  /** Default number of epochs. */
  public static final int DEFAULT_EPOCHS = 15;

  /** Default fraction of a batch the filtering selectors leave out (the example). */
  public static final double DEFAULT_FILTER_RATIO = 0.8;

  /** Default number of JEST chunks. */
  public static final int DEFAULT_JEST_CHUNKS = 16;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public TrainOptions {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(keep, "keep");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(imageSize, "imageSize");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(warmupEpochs, "warmupEpochs");
    augment = augment.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(augment));
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(referenceEmbeddings, "referenceEmbeddings");
    Objects.requireNonNull(referenceModel, "referenceModel");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(version, "version");
    require(
        imageSize.isEmpty() || imageSize.getAsInt() >= NetworkSpec.MIN_IMAGE_SIZE,
        "--image-size must be at least "
            + NetworkSpec.MIN_IMAGE_SIZE
            + " px, got "
            + imageSize.orElse(0));
    require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
    require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
    require(learningRate > 0 && Double.isFinite(learningRate), "--lr must be > 0");
    require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
    require(weightDecay >= 0 && Double.isFinite(weightDecay), "--weight-decay must be >= 0");
    require(
        warmupEpochs.isEmpty()
            || (warmupEpochs.getAsDouble() >= 0 && warmupEpochs.getAsDouble() <= epochs),
        "--warmup-epochs must be in [0, --epochs]");
    require(
        filterRatio >= 0 && filterRatio < 1,
        "--filter-ratio must be in [0, 1), got " + filterRatio);
    require(jestChunks >= 1, "--jest-chunks must be at least 1");
    require(
        selector != SelectorKind.JEST || jestChunks <= batchSize,
        "--jest-chunks must be at most --batch-size");
    require(
        valFraction >= 0 && valFraction < 1,
        "--val-fraction must be in [0, 1), got " + valFraction);
    require(workers >= 1, "--workers must be at least 1");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The stable recipe for {@code data}, written to {@code out}, on the engine's default device. */
  public static TrainOptions defaults(Path data, Path out) {
    return new TrainOptions(
        data,
        OpenOptions.defaults(),
        Optional.empty(),
        Architecture.RESNET20,
        OptionalInt.empty(),
        DEFAULT_EPOCHS,
        DEFAULT_BATCH,
        DEFAULT_LR,
        0.9,
        5e-4,
        Schedule.ONE_CYCLE,
        OptionalDouble.empty(),
        EnumSet.of(Augmentation.CROP, Augmentation.FLIP),
        SelectorKind.STANDARD,
        DEFAULT_FILTER_RATIO,
        DEFAULT_JEST_CHUNKS,
        Optional.empty(),
        Optional.empty(),
        0,
        2026,
        out,
        false,
        ai.djl.engine.Engine.getInstance().defaultDevice(),
        2,
        "unknown");
  }

  /** Warm-up in epochs after applying the schedule's default. */
  public double effectiveWarmupEpochs() {
    if (warmupEpochs.isPresent()) {
      return warmupEpochs.getAsDouble();
    }
    return schedule == Schedule.ONE_CYCLE ? Schedule.ONE_CYCLE_WARMUP * epochs : 0;
  }

  /**
   * Every option that changes what the run computes, by name, as text: the manifest's options, and
   * what {@code --resume} compares. {@code resume}, {@code workers} and {@code version} are left
   * out: they change nothing in the results.
   */
  public SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("data", data.toAbsolutePath().normalize().toString());
    m.put("format", open.format().map(f -> f.cliName()).orElse("auto"));
    m.put("on_bad_image", open.onBadImage().toString().toLowerCase(java.util.Locale.ROOT));
    m.put(
        "keep",
        keep.map(k -> k.file().map(p -> p.toAbsolutePath().normalize().toString()).orElse("(ids)"))
            .orElse(""));
    m.put("keep_ids_sha256", keep.map(KeepIds::sha256).orElse(""));
    m.put("arch", architecture.id());
    m.put("image_size", imageSize.isPresent() ? Integer.toString(imageSize.getAsInt()) : "auto");
    m.put("epochs", Integer.toString(epochs));
    m.put("batch_size", Integer.toString(batchSize));
    m.put("lr", Double.toString(learningRate));
    m.put("momentum", Double.toString(momentum));
    m.put("weight_decay", Double.toString(weightDecay));
    m.put("schedule", schedule.id());
    m.put("warmup_epochs", Double.toString(effectiveWarmupEpochs()));
    m.put(
        "augment",
        augment.stream().sorted().map(Augmentation::id).collect(Collectors.joining(",")));
    m.put("selector", selector.id());
    m.put("filter_ratio", Double.toString(filterRatio));
    m.put("jest_chunks", Integer.toString(jestChunks));
    m.put(
        "reference_embeddings",
        referenceEmbeddings.map(p -> p.toAbsolutePath().normalize().toString()).orElse(""));
    m.put(
        "reference_model",
        referenceModel.map(p -> p.toAbsolutePath().normalize().toString()).orElse(""));
    m.put("val_fraction", Double.toString(valFraction));
    m.put("seed", Long.toString(seed));
    m.put("device", device.toString());
    m.put("precision", "fp32");
    return m;
  }

  /** With a keep set (empty for the whole train split). */
  public TrainOptions withKeep(Optional<KeepIds> k) {
    return with(x -> x.keep = k);
  }

  /** With another dataset-open configuration. */
  public TrainOptions withOpen(OpenOptions o) {
    return with(x -> x.open = o);
  }

  /** With another architecture. */
  public TrainOptions withArchitecture(Architecture a) {
    return with(x -> x.architecture = a);
  }

  /** With another input size (empty: the first training image's shorter side). */
  public TrainOptions withImageSize(OptionalInt size) {
    return with(x -> x.imageSize = size);
  }

  /** With another number of epochs. */
  public TrainOptions withEpochs(int e) {
    return with(x -> x.epochs = e);
  }

  /** With another batch size. */
  public TrainOptions withBatchSize(int b) {
    return with(x -> x.batchSize = b);
  }

  /** With other optimiser settings. */
  public TrainOptions withSgd(double lr, double m, double wd) {
    return with(
        x -> {
          x.learningRate = lr;
          x.momentum = m;
          x.weightDecay = wd;
        });
  }

  /** With another schedule and warm-up (empty for the schedule's default). */
  public TrainOptions withSchedule(Schedule s, OptionalDouble warmup) {
    return with(
        x -> {
          x.schedule = s;
          x.warmupEpochs = warmup;
        });
  }

  /** With other augmentations. */
  public TrainOptions withAugment(Set<Augmentation> a) {
    return with(x -> x.augment = a);
  }

  /** With another selector. */
  public TrainOptions withSelector(SelectorKind s) {
    return with(x -> x.selector = s);
  }

  /** With another filter ratio. */
  public TrainOptions withFilterRatio(double r) {
    return with(x -> x.filterRatio = r);
  }

  /** With another number of JEST chunks. */
  public TrainOptions withJestChunks(int c) {
    return with(x -> x.jestChunks = c);
  }

  /** With SALN's reference embeddings. */
  public TrainOptions withReferenceEmbeddings(Optional<Path> p) {
    return with(x -> x.referenceEmbeddings = p);
  }

  /** With JEST's reference model. */
  public TrainOptions withReferenceModel(Optional<Path> p) {
    return with(x -> x.referenceModel = p);
  }

  /** With another validation fraction. */
  public TrainOptions withValFraction(double f) {
    return with(x -> x.valFraction = f);
  }

  /** With another seed. */
  public TrainOptions withSeed(long s) {
    return with(x -> x.seed = s);
  }

  /** With another run folder. */
  public TrainOptions withOut(Path o) {
    return with(x -> x.out = o);
  }

  /** With resuming switched on or off. */
  public TrainOptions withResume(boolean r) {
    return with(x -> x.resume = r);
  }

  /** With another device. */
  public TrainOptions withDevice(Device d) {
    return with(x -> x.device = d);
  }

  /** With another number of decoding threads. */
  public TrainOptions withWorkers(int w) {
    return with(x -> x.workers = w);
  }

  /** With the version to record. */
  public TrainOptions withVersion(String v) {
    return with(x -> x.version = v);
  }

  /** A copy of this with some fields changed: what every {@code withX} is made of. */
  private TrainOptions with(java.util.function.Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** The fields of a {@link TrainOptions}, mutable, for {@link #with}. */
  private static final class Fields {
    Path data;
    OpenOptions open;
    Optional<KeepIds> keep;
    Architecture architecture;
    OptionalInt imageSize;
    int epochs;
    int batchSize;
    double learningRate;
    double momentum;
    double weightDecay;
    Schedule schedule;
    OptionalDouble warmupEpochs;
    Set<Augmentation> augment;
    SelectorKind selector;
    double filterRatio;
    int jestChunks;
    Optional<Path> referenceEmbeddings;
    Optional<Path> referenceModel;
    double valFraction;
    long seed;
    Path out;
    boolean resume;
    Device device;
    int workers;
    String version;

    Fields(TrainOptions o) {
      data = o.data;
      open = o.open;
      keep = o.keep;
      architecture = o.architecture;
      imageSize = o.imageSize;
      epochs = o.epochs;
      batchSize = o.batchSize;
      learningRate = o.learningRate;
      momentum = o.momentum;
      weightDecay = o.weightDecay;
      schedule = o.schedule;
      warmupEpochs = o.warmupEpochs;
      augment = o.augment;
      selector = o.selector;
      filterRatio = o.filterRatio;
      jestChunks = o.jestChunks;
      referenceEmbeddings = o.referenceEmbeddings;
      referenceModel = o.referenceModel;
      valFraction = o.valFraction;
      seed = o.seed;
      out = o.out;
      resume = o.resume;
      device = o.device;
      workers = o.workers;
      version = o.version;
    }

    TrainOptions build() {
      return new TrainOptions(
          data,
          open,
          keep,
          architecture,
          imageSize,
          epochs,
          batchSize,
          learningRate,
          momentum,
          weightDecay,
          schedule,
          warmupEpochs,
          augment,
          selector,
          filterRatio,
          jestChunks,
          referenceEmbeddings,
          referenceModel,
          valFraction,
          seed,
          out,
          resume,
          device,
          workers,
          version);
    }
  }
}
