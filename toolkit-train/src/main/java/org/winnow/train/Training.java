package org.winnow.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.WriteFailures;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.NativeGate;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;
import org.winnow.nets.NoGrad;
import org.winnow.nets.Normalization;
import org.winnow.nets.OfflineDjl;

/**
 * {@code winnow train}: trains one of Winnow's networks on a dataset's train split, or on a
 * keep-list of it, with a per-batch selector, and writes a run folder ({@link RunFolder}) that
 * {@code winnow embed --model RUN_DIR} and JEST's {@code --reference-model} read.
 *
 * <p>The recipe ({@link Recipe#defaults}) is SGD with momentum and weight decay ({@link
 * MomentumSgd}) under a per-step learning-rate {@link Schedule}, fp32, cross-entropy. Binary
 * datasets (IDX, CIFAR) are held as one uint8 tensor on the training device; folder datasets are
 * decoded a step ahead by worker threads through a bounded queue ({@link StreamedImages}); either
 * way the images are augmented on the device ({@link DeviceImages}). Every random choice is a pure
 * function of the seed and its position (epoch, step, sample), and each completed epoch checkpoints
 * the parameters, the optimiser's momentum and the metrics so far, so a run killed at any point
 * continues with {@code --resume} to exactly the metrics an uninterrupted run writes.
 *
 * <p>One run at a time per JVM: DJL's PyTorch gradient collector is process-wide, so runs of a
 * redundancy curve go one after the other (each can use every core).
 *
 * <p>The per-batch selector comes from {@link BatchSelectors}, by the name and options of {@link
 * TrainOptions#selector}.
 */
public final class Training {

  /** Images per forward pass when evaluating and when computing JEST's reference losses. */
  private static final int EVAL_BATCH = 1024;

  private Training() {}

  /**
   * Runs (or resumes) training.
   *
   * @param options what to train and where to write it
   * @param progress receives decoding and per-epoch step progress
   * @throws TrainingException, {@link org.winnow.datasets.DatasetException} or {@link
   *     org.winnow.nets.CheckpointException} with one line naming the file, id or option
   */
  public static TrainResult run(TrainOptions options, Progress progress) {
    OfflineDjl.apply();
    options.selector().options().requireInputs();
    Path out = options.run().out();
    OutputGuard.check(out, inputs(options), false, RunFolder.OUTPUT);
    try (OutputLock claim = OutputLock.acquire(out)) {
      return runClaimed(options, progress);
    } catch (java.io.IOException e) {
      throw new TrainingException(out + ": cannot lock: " + e.getMessage(), e);
    }
  }

  /**
   * What the run folder may not touch: the dataset, the keep-list, the selector's reference run or
   * embeddings, and the datasets those record.
   */
  private static List<Path> inputs(TrainOptions options) {
    List<Path> inputs = new ArrayList<>();
    inputs.add(options.data().path());
    options.data().keep().flatMap(KeepIds::file).ifPresent(inputs::add);
    inputs.addAll(options.selector().options().inputPaths());
    return OutputGuard.withRecordedDatasets(inputs);
  }

  private static TrainResult runClaimed(TrainOptions options, Progress progress) {
    RunFolder run = new RunFolder(options.run().out());
    Optional<RunFolder.State> resumed = prepare(options, run);
    if (resumed.isPresent()) {
      return train(options, progress, run, resumed);
    }
    // A new run that fails before its first checkpoint (a full disk, a bad image in epoch 1) takes
    // back the files it began, so that the same command can simply be run again, without --resume.
    boolean existed = java.nio.file.Files.exists(run.dir());
    try {
      return train(options, progress, run, resumed);
    } catch (RuntimeException | Error e) {
      run.discardUnstarted(existed, e);
      throw e;
    }
  }

  private static TrainResult train(
      TrainOptions options, Progress progress, RunFolder run, Optional<RunFolder.State> resumed) {
    long started = System.nanoTime();
    // Hashes every keep-list id: computed once for the log, each epoch's state and result.json.
    SortedMap<String, String> described = options.describe();
    SelectorOptions selection = options.selector().options();
    TrainData data = options.data();
    Recipe recipe = options.recipe();
    ImageDataset dataset = Datasets.open(data.path(), data.open(), progress);
    String indexHash = IndexHash.of(dataset);
    TrainingSplits splits =
        TrainingSplits.of(dataset, data.keep(), data.valFraction(), options.run().seed());
    // The input size is --image-size, else the shorter side of the train split's first image
    // (before --keep and --val-fraction, so every run on a dataset builds the same network): binary
    // formats are square and of one size, folder images are resized to it as they stream.
    // TrainingSplits has refused an empty train split.
    List<Sample> trainSamples = dataset.samples(Split.TRAIN);
    if (dataset.classNames().size() < 2) {
      throw new TrainingException(
          dataset.root()
              + ": has "
              + dataset.classNames().size()
              + (dataset.classNames().size() == 1 ? " class" : " classes")
              + "; a classifier needs at least 2");
    }
    Sample firstSample = trainSamples.getFirst();
    Image firstImage = dataset.decode(firstSample);
    int ownSize = Math.min(firstImage.width(), firstImage.height());
    if (data.imageSize().isEmpty() && ownSize < NetworkSpec.MIN_IMAGE_SIZE) {
      throw new TrainingException(
          dataset.root().resolve(firstSample.source())
              + ": the first training image is "
              + firstImage.width()
              + "x"
              + firstImage.height()
              + " px, too small to set the network input (at least "
              + NetworkSpec.MIN_IMAGE_SIZE
              + " px); pass --image-size, e.g. --image-size 32, to resize every image");
    }
    NetworkSpec spec =
        new NetworkSpec(
            recipe.architecture(),
            firstImage.channels(),
            data.imageSize().orElse(ownSize),
            dataset.classNames().size());
    boolean stream = dataset.format() == DatasetFormat.FOLDER || spec.imageSize() != ownSize;
    Normalization normalization = Normalization.half(spec.inputChannels());
    CheckpointInfo info = new CheckpointInfo(spec, dataset.classNames(), indexHash, normalization);
    int trainCount = splits.train().size();
    int validationCount = splits.validation().size();
    int testCount = splits.test().size();

    // The selector reads its reference inputs before anything is decoded or trained (SALN's
    // embeddings are checked against the dataset first); JEST's reference losses decode the train
    // split, which the loop then uses.
    java.util.function.Function<List<Sample>, ImageSource> imagesOf =
        samples -> images(options.run(), dataset, samples, spec, normalization, stream, progress);
    try (TrainImages train = new TrainImages(() -> imagesOf.apply(splits.train()));
        BatchSelector selector =
            selection.create(new RunContext(options, indexHash, splits.train(), info, train))) {
      ImageSource trainImages = train.get();
      try (NetworkModel model = openModel(options.run(), run, resumed, info);
          ImageSource valImages = imagesOf.apply(splits.validation());
          ImageSource testImages = imagesOf.apply(splits.test());
          MomentumSgd sgd =
              new MomentumSgd(
                  model.network().block(),
                  model.model().getNDManager(),
                  recipe.sgd().momentum(),
                  recipe.sgd().weightDecay())) {
        resumed.ifPresent(s -> sgd.load(run.readOptimizer()));
        // Only now that every input has been checked does the run folder get its first file.
        run.log(
            String.format(
                "start: %s, %,d training samples (%,d keep-list ids are validation samples),"
                    + " %,d validation, %,d test; device %s; options %s",
                resumed.isPresent()
                    ? "resume after epoch " + resumed.get().completedEpochs()
                    : "new run",
                trainCount,
                splits.keptButValidation(),
                validationCount,
                testCount,
                options.run().device(),
                described));
        Loop loop =
            new Loop(
                options, model.network(), model.model().getNDManager(), trainImages, sgd, selector);
        List<String> rows =
            new ArrayList<>(resumed.map(RunFolder.State::metrics).orElse(List.of()));
        long samplesSeen = resumed.map(RunFolder.State::samplesSeen).orElse(0L);
        double previousWall = resumed.map(RunFolder.State::wallSeconds).orElse(0.0);
        int first = resumed.map(RunFolder.State::completedEpochs).orElse(0);
        run.writeMetrics(rows);
        for (int epoch = first; epoch < recipe.epochs(); epoch++) {
          long t0 = System.nanoTime();
          progress.start(
              String.format("epoch %d/%d", epoch + 1, recipe.epochs()), loop.stepsPerEpoch());
          Loop.EpochStats stats = loop.epoch(epoch, progress);
          progress.finish();
          samplesSeen += stats.samples();
          double valAcc = accuracy(model.network(), valImages);
          double testAcc = accuracy(model.network(), testImages);
          double seconds = (System.nanoTime() - t0) / 1e9;
          EpochMetrics m =
              new EpochMetrics(
                  epoch + 1,
                  stats.lastLr(),
                  stats.loss(),
                  stats.accuracy(),
                  valAcc,
                  testAcc,
                  samplesSeen,
                  seconds,
                  stats.selectorSeconds());
          rows.add(m.csv());
          RunFolder.State state =
              new RunFolder.State(
                  epoch + 1,
                  previousWall + (System.nanoTime() - started) / 1e9,
                  samplesSeen,
                  described,
                  List.copyOf(rows));
          byte[] optimizer = sgd.save();
          Checkpoints.save(
              model, info, run.checkpoint(), f -> RunFolder.writeState(f, state, optimizer));
          run.writeMetrics(rows);
          run.log("epoch " + m.csv());
        }
        double wall = previousWall + (System.nanoTime() - started) / 1e9;
        TrainResult result =
            new TrainResult(
                testColumn(rows.getLast()),
                rows.stream()
                    .mapToDouble(Training::testColumn)
                    .filter(d -> !Double.isNaN(d))
                    .max()
                    .orElse(Double.NaN),
                wall,
                samplesSeen,
                trainCount,
                options.run().out());
        ResultFile.write(
            run, options, described, result, indexHash, splits, validationCount, testCount, rows);
        run.log(
            String.format(
                "done: final test accuracy %.4f, %.1f s", result.finalTestAccuracy(), wall));
        return result;
      }
    } catch (IOException e) {
      throw new TrainingException(WriteFailures.describe(options.run().out(), e), e);
    } catch (UncheckedIOException e) {
      throw new TrainingException(WriteFailures.describe(options.run().out(), e.getCause()), e);
    }
  }

  /** The train split's images, made when first asked for. */
  private static final class TrainImages implements AutoCloseable {
    private final java.util.function.Supplier<ImageSource> make;
    private ImageSource images;

    TrainImages(java.util.function.Supplier<ImageSource> make) {
      this.make = make;
    }

    ImageSource get() {
      if (images == null) {
        images = make.get();
      }
      return images;
    }

    @Override
    public void close() {
      if (images != null) {
        images.close();
      }
    }
  }

  private static double testColumn(String csvRow) {
    String[] f = csvRow.split(",", -1);
    return f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]);
  }

  /** The run as its selector sees it; reference inputs are read when the selector asks. */
  private record RunContext(
      TrainOptions options,
      String indexHash,
      List<Sample> train,
      CheckpointInfo info,
      TrainImages trainImages)
      implements SelectorContext {

    @Override
    public int batchSize() {
      return options.recipe().batchSize();
    }

    @Override
    public long seed() {
      return options.run().seed();
    }

    @Override
    public float[][] referenceFeatures(Path embeddings) {
      return ReferenceInputs.salnFeatures(embeddings, indexHash, train);
    }

    @Override
    public float[] referenceLosses(Path model) {
      return ReferenceInputs.jestReferenceLosses(
          model, options.run().device(), info, trainImages.get());
    }
  }

  /** Refuses a used folder without --resume, or a resume with other options; reads the state. */
  private static Optional<RunFolder.State> prepare(TrainOptions options, RunFolder run) {
    RunSettings o = options.run();
    try {
      if (!o.resume()) {
        if (RunFolder.inUse(o.out())) {
          throw new TrainingException(
              o.out()
                  + ": output folder exists and is not empty (pass --resume to continue the run"
                  + " in it, or choose another --out)");
        }
        return Optional.empty();
      }
      if (java.nio.file.Files.exists(o.out()) && !java.nio.file.Files.isDirectory(o.out())) {
        throw new TrainingException(o.out() + ": is a file, not a run folder");
      }
    } catch (IOException e) {
      throw new TrainingException(o.out() + ": cannot read: " + e.getMessage(), e);
    }
    Optional<RunFolder.State> state = run.readState();
    java.util.SortedMap<String, String> described = options.describe();
    if (state.isPresent() && !state.get().options().equals(described)) {
      List<String> diff = new ArrayList<>();
      java.util.Set<String> keys = new java.util.TreeSet<>(state.get().options().keySet());
      keys.addAll(described.keySet());
      for (String k : keys) {
        String was = state.get().options().get(k);
        String now = described.get(k);
        if (!java.util.Objects.equals(was, now)) {
          diff.add(k + " " + was + " -> " + now);
        }
      }
      throw new TrainingException(
          o.out()
              + ": --resume with other options than the run was started with: "
              + String.join("; ", diff));
    }
    return state;
  }

  private static NetworkModel openModel(
      RunSettings o, RunFolder run, Optional<RunFolder.State> resumed, CheckpointInfo info) {
    if (resumed.isEmpty()) {
      return NetworkModel.create(info.spec(), o.device(), Long.hashCode(o.seed()));
    }
    var loaded = Checkpoints.load(run.checkpoint(), o.device());
    if (!loaded.info().equals(info)) {
      loaded.close();
      throw new TrainingException(
          run.checkpoint() + ": checkpoint does not describe this run's network and dataset");
    }
    return loaded.model();
  }

  /**
   * A folder split streams through worker threads ({@link StreamedImages}), however small: one path
   * for every folder dataset, whatever its image sizes; so does a binary split resized by {@code
   * --image-size}. A binary split (IDX, CIFAR) at its own size is already in memory and goes to the
   * device whole ({@link DeviceImages}).
   */
  private static ImageSource images(
      RunSettings o,
      ImageDataset dataset,
      List<Sample> samples,
      NetworkSpec spec,
      Normalization n,
      boolean stream,
      Progress progress) {
    if (stream) {
      return new StreamedImages(
          dataset, samples, spec.inputChannels(), spec.imageSize(), o.workers(), o.device(), n);
    }
    HostImages h = HostImages.decode(dataset, samples, progress, "decode");
    return new DeviceImages(
        o.device(), h.pixels(), h.count(), h.channels(), h.size(), h.labels(), n, null);
  }

  /** Per-sample cross-entropy of {@code logits} against int64 {@code labels}. */
  static NDArray crossEntropy(NDArray logits, NDArray labels, int classes) {
    return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] {1}).neg();
  }

  /** Accuracy over all images, inference mode; NaN for an empty set. */
  @SuppressWarnings("try") // NoGrad acts by existing
  static double accuracy(Network network, ImageSource images) {
    if (images.count() == 0) {
      return Double.NaN;
    }
    long correct = 0;
    List<int[]> chunks = chunks(allRows(images.count()));
    try (NDManager root = NDManager.newBaseManager(deviceOf(network));
        ImageSource.Feed feed = images.feed(chunks)) {
      for (int[] rows : chunks) {
        try (NativeGate.Section gate = NativeGate.enter();
            NDManager m = root.newSubManager();
            NoGrad noGrad = new NoGrad();
            ImageSource.Chunk c = feed.next()) {
          NDArray logits =
              network
                  .forward(new ParameterStore(m, false), c.images().plain(m, rows), false)
                  .logits();
          correct += logits.argMax(1).eq(c.images().labels(m, rows)).sum().getLong();
        }
      }
    }
    return (double) correct / images.count();
  }

  /** {@code 0 .. n-1}. */
  static int[] allRows(int n) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) {
      rows[i] = i;
    }
    return rows;
  }

  /** {@code rows} cut into consecutive pieces of {@code EVAL_BATCH}. */
  static List<int[]> chunks(int[] rows) {
    List<int[]> out = new ArrayList<>();
    for (int start = 0; start < rows.length; start += EVAL_BATCH) {
      out.add(java.util.Arrays.copyOfRange(rows, start, Math.min(rows.length, start + EVAL_BATCH)));
    }
    return out;
  }

  private static ai.djl.Device deviceOf(Network network) {
    return network.head().getParameters().valueAt(0).getArray().getDevice();
  }

  /** The training steps of a run. */
  private static final class Loop {
    record EpochStats(
        double loss, double accuracy, long samples, double lastLr, double selectorSeconds) {}

    private final TrainOptions o;
    private final Network network;
    private final NDManager parent;
    private final ImageSource images;
    private final MomentumSgd sgd;
    private final BatchSelector selector;
    private final int n;
    private final int stepsPerEpoch;
    private final long totalSteps;
    private final long warmupSteps;

    Loop(
        TrainOptions o,
        Network network,
        NDManager parent,
        ImageSource images,
        MomentumSgd sgd,
        BatchSelector selector) {
      this.o = o;
      this.network = network;
      this.parent = parent;
      this.images = images;
      this.sgd = sgd;
      this.selector = selector;
      this.n = images.count();
      int per = selector.candidatesPerStep();
      this.stepsPerEpoch = (n + per - 1) / per;
      this.totalSteps = (long) stepsPerEpoch * o.recipe().epochs();
      this.warmupSteps = Math.round(o.recipe().warmupEpochs() * stepsPerEpoch);
    }

    int stepsPerEpoch() {
      return stepsPerEpoch;
    }

    EpochStats epoch(int epoch, Progress progress) {
      int[] order = shuffle(epoch);
      List<int[]> groups = new ArrayList<>();
      int per = selector.candidatesPerStep();
      for (int start = 0; start < n; start += per) {
        groups.add(java.util.Arrays.copyOfRange(order, start, Math.min(n, start + per)));
      }
      selector.plan(epoch, groups);
      long selectorNanos = 0;
      long samples = 0;
      double lr = 0;
      int classes = network.spec().numClasses();
      try (NDManager epochManager = parent.newSubManager();
          ImageSource.Feed feed = images.feed(groups)) {
        NDArray lossSum = epochManager.zeros(new Shape(), DataType.FLOAT32);
        NDArray correct = epochManager.zeros(new Shape(), DataType.INT64);
        for (int step = 0; step < groups.size(); step++) {
          lr =
              o.recipe()
                  .sgd()
                  .schedule()
                  .rate(
                      o.recipe().sgd().learningRate(),
                      (long) epoch * stepsPerEpoch + step,
                      totalSteps,
                      warmupSteps);
          try (NativeGate.Section gate = NativeGate.enter();
              NDManager m = parent.newSubManager();
              ImageSource.Chunk chunk = feed.next()) {
            DeviceImages stepImages = chunk.images();
            long t = System.nanoTime();
            int[] rows =
                selector.select(
                    epoch,
                    step,
                    groups.get(step),
                    candidates -> learnerLoss(m, stepImages, candidates, epoch));
            selectorNanos += System.nanoTime() - t;
            if (rows.length > 0) {
              NDArray x = stepImages.batch(m, rows, o.recipe().augment(), o.run().seed(), epoch);
              NDArray y = stepImages.labels(m, rows);
              NDArray perSample;
              NDArray logits;
              try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                logits = network.forward(new ParameterStore(m, false), x, true).logits();
                perSample = crossEntropy(logits, y, classes);
                gc.backward(perSample.mean());
              }
              sgd.step(lr);
              lossSum.addi(perSample.stopGradient().sum());
              correct.addi(
                  logits.stopGradient().argMax(1).eq(y).sum().toType(DataType.INT64, false));
              samples += rows.length;
            }
          }
          progress.advance(1);
        }
        double loss = samples == 0 ? Double.NaN : lossSum.getFloat() / samples;
        double acc = samples == 0 ? Double.NaN : (double) correct.getLong() / samples;
        return new EpochStats(loss, acc, samples, lr, selectorNanos / 1e9);
      }
    }

    @SuppressWarnings("try") // NoGrad acts by existing
    private float[] learnerLoss(
        NDManager stepManager, DeviceImages stepImages, int[] rows, int epoch) {
      float[] out = new float[rows.length];
      try (NDManager m = stepManager.newSubManager();
          NoGrad noGrad = new NoGrad()) {
        NDArray logits =
            network
                .forward(
                    new ParameterStore(m, false),
                    stepImages.batch(m, rows, o.recipe().augment(), o.run().seed(), epoch),
                    false)
                .logits();
        float[] l =
            crossEntropy(logits, stepImages.labels(m, rows), network.spec().numClasses())
                .toFloatArray();
        System.arraycopy(l, 0, out, 0, l.length);
      }
      return out;
    }

    private int[] shuffle(int epoch) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      SplittableRandom r = new SplittableRandom(Seeds.mix(o.run().seed(), Seeds.SHUFFLE, epoch));
      for (int i = n - 1; i > 0; i--) {
        int j = r.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      return order;
    }
  }
}
