package org.winnow.embed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.nets.NativeGate;
import org.winnow.nets.Network;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NoGrad;
import org.winnow.nets.OfflineDjl;

/**
 * One forward pass of a model over images that gives, per sample, its penultimate embedding and,
 * from the same pass, its class logits, probabilities or log-probabilities: what {@code winnow
 * embed} writes, what JEST's reference losses are computed from, and what prototype scoring and
 * active learning need.
 *
 * <p>Two doors:
 *
 * <ul>
 *   <li>{@link #run(ImageDataset, List, Options, Set, Progress)}: a model named as {@code winnow
 *       embed --model} names it (an architecture, a checkpoint, a TorchScript file), over samples
 *       of a dataset that worker threads decode and preprocess ahead of the model;
 *   <li>{@link #run(NetworkModel, Batches, Set, Consumer)}: a network the caller holds, over model
 *       inputs the caller makes (training reads its images from the device this way).
 * </ul>
 *
 * <p>Either way each batch runs in its own {@link NDManager}, freed once its rows are copied out,
 * with autograd off ({@link NoGrad}); the model's own output decides the batch's shape. Logits come
 * from a Winnow network's head applied to its embedding, so both are one pass; TorchScript models
 * give embeddings only.
 */
public final class Inference {

  private Inference() {}

  /** What a pass returns for each sample. */
  public enum Output {
    /** The penultimate embedding: the input of the final Linear layer. */
    EMBEDDINGS,
    /** The class logits: the final Linear layer's output. */
    LOGITS,
    /** The softmax of the logits. */
    PROBABILITIES,
    /** The log-softmax of the logits; the cross-entropy of a sample is minus its label's entry. */
    LOG_PROBABILITIES;

    boolean needsLogits() {
      return this != EMBEDDINGS;
    }
  }

  /**
   * How to open and run a model named by a spec.
   *
   * @param model an architecture name ({@code resnet20}, {@code resnet32}, {@code resnet18}: seeded
   *     random initialisation), a run folder or checkpoint written by {@code winnow train}, a
   *     TorchScript file ({@code .pt}), or a DJL model-zoo URL ({@code djl://…})
   * @param device where the model runs
   * @param imageSize the side images are resized to; empty for the model's own size (a
   *     checkpoint's), else the dataset's when all its images share one, else 32 (224 for
   *     TorchScript and zoo models)
   * @param seed the seed of the random initialisation of an architecture given by name
   * @param batchSize images per forward pass
   * @param workers threads decoding and preprocessing images ahead of the model
   */
  public record Options(
      String model,
      DeviceChoice device,
      OptionalInt imageSize,
      int seed,
      int batchSize,
      int workers) {

    /** Validates the fields. */
    public Options {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(imageSize, "imageSize");
      if (model.isBlank()) {
        throw new IllegalArgumentException("the model spec is empty");
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
      }
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, not " + workers);
      }
      if (imageSize.isPresent() && imageSize.getAsInt() < 8) {
        throw new IllegalArgumentException(
            "image size must be at least 8 px, not " + imageSize.getAsInt());
      }
    }

    /** {@code model} on the automatic device, at its own size, seed 0, batches of 64, 2 workers. */
    public static Options defaults(String model) {
      return new Options(model, DeviceChoice.AUTO, OptionalInt.empty(), 0, 64, 2);
    }

    /** These options on another device. */
    public Options withDevice(DeviceChoice d) {
      return new Options(model, d, imageSize, seed, batchSize, workers);
    }

    /** These options with another batch size. */
    public Options withBatchSize(int b) {
      return new Options(model, device, imageSize, seed, b, workers);
    }
  }

  /**
   * Model inputs, batch after batch, in the order their rows are numbered.
   *
   * <p>Implementations hold what feeds the batches (decoding threads, device tensors); the pass
   * closes them when done.
   */
  public interface Batches extends AutoCloseable {

    /** The number of batches. */
    int count();

    /**
     * The next batch: a float32 {@code [images, channels, side, side]} array, normalised as the
     * model expects, attached to {@code scope} (which is freed after the batch).
     */
    NDArray next(NDManager scope);

    @Override
    void close();
  }

  /**
   * The outputs of one batch.
   *
   * @param first the batch's first row, counted from the pass's first sample
   * @param count the batch's samples
   * @param values {@code count} rows per requested output
   */
  public record Rows(int first, int count, Map<Output, float[][]> values) {

    /** Copies the map. */
    public Rows {
      values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * The rows of one output.
     *
     * @throws IllegalArgumentException when the pass was not asked for it
     */
    public float[][] get(Output output) {
      return requested(values, output);
    }
  }

  /**
   * Every sample's outputs.
   *
   * @param model what the model was, as {@code winnow embed} records it
   * @param device the device it ran on
   * @param values one row per sample and requested output, in sample order
   */
  public record Result(String model, String device, Map<Output, float[][]> values) {

    /** Copies the map. */
    public Result {
      values = Collections.unmodifiableMap(new EnumMap<>(values));
    }

    /**
     * The rows of one output.
     *
     * @throws IllegalArgumentException when the pass was not asked for it
     */
    public float[][] get(Output output) {
      return requested(values, output);
    }
  }

  /**
   * Runs the model {@code options} names over {@code samples} of {@code dataset}, preprocessed as
   * {@code winnow embed} preprocesses them, and collects every requested output.
   *
   * @throws EmbeddingException with one line when the model cannot be opened, gives no 2-D
   *     embedding, or has no logits for an output that needs them
   * @throws org.winnow.nets.CheckpointException when a checkpoint is missing or corrupt
   * @throws org.winnow.datasets.DatasetException when an image cannot be decoded
   */
  public static Result run(
      ImageDataset dataset,
      List<Sample> samples,
      Options options,
      Set<Output> outputs,
      Progress progress) {
    OfflineDjl.apply();
    if (samples.isEmpty()) {
      throw new EmbeddingException(dataset.root() + ": no samples to run the model on");
    }
    Device device = options.device().resolve();
    try (EmbeddingModel model =
        ModelSpecs.open(
            options.model(), ModelSpecs.Context.of(dataset, samples.getFirst(), device, options))) {
      return new Result(
          model.description(),
          device.toString(),
          collect(model, dataset, samples, options, outputs, progress));
    }
  }

  /**
   * Runs an opened {@code model} over {@code samples}, decoded and preprocessed by worker threads
   * ahead of it, and collects every requested output in sample order: the pass of {@link
   * #run(ImageDataset, List, Options, Set, Progress)} and of {@link LoadedModel#embed}.
   */
  static Map<Output, float[][]> collect(
      EmbeddingModel model,
      ImageDataset dataset,
      List<Sample> samples,
      Options options,
      Set<Output> outputs,
      Progress progress) {
    Map<Output, float[][]> values = new EnumMap<>(Output.class);
    for (Output o : outputs) {
      values.put(o, new float[samples.size()][]);
    }
    progress.start("infer", samples.size());
    try (Batches input =
        new DatasetBatches(
            dataset, samples, model.preprocessing(), options.batchSize(), options.workers())) {
      run(
          model,
          input,
          outputs,
          rows -> {
            for (Output o : outputs) {
              System.arraycopy(rows.get(o), 0, values.get(o), rows.first(), rows.count());
            }
            progress.advance(rows.count());
          });
    }
    progress.finish();
    return values;
  }

  /**
   * Runs {@code model} over {@code input}, handing each batch's outputs to {@code sink} as soon as
   * they are copied out. The caller holds and closes both.
   *
   * @throws EmbeddingException with one line when the network's embedding is not 2-D
   */
  public static void run(
      NetworkModel model, Batches input, Set<Output> outputs, Consumer<Rows> sink) {
    run(NetworkEmbeddingModel.borrowed(model), input, outputs, sink);
  }

  /**
   * The pass itself: batch after batch, each in its own manager, autograd off; the caller closes
   * {@code input}.
   */
  @SuppressWarnings("try") // NoGrad acts by existing
  static void run(EmbeddingModel model, Batches input, Set<Output> outputs, Consumer<Rows> sink) {
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("ask for at least one output");
    }
    EnumSet<Output> asked = EnumSet.copyOf(outputs);
    boolean logits = asked.stream().anyMatch(Output::needsLogits);
    if (logits && !model.hasLogits()) {
      throw new EmbeddingException(
          model.description()
              + ": gives embeddings only (it has no classifier Winnow can reach); logits and"
              + " probabilities need a Winnow network or checkpoint");
    }
    try (NoGrad noGrad = new NoGrad()) {
      int first = 0;
      for (int b = 0; b < input.count(); b++) {
        try (NativeGate.Section gate = NativeGate.enter();
            NDManager scope = model.manager().newSubManager()) {
          NDArray images = input.next(scope);
          int count = (int) images.getShape().get(0);
          NDArray embeddings;
          NDArray classLogits = null;
          if (logits) {
            Network.Outputs both = model.classify(scope, images);
            embeddings = both.embeddings();
            classLogits = both.logits();
          } else {
            embeddings = model.embed(scope, images);
          }
          checkEmbeddings(model, embeddings, count);
          Map<Output, float[][]> values = new EnumMap<>(Output.class);
          for (Output o : asked) {
            NDArray a =
                switch (o) {
                  case EMBEDDINGS -> embeddings;
                  case LOGITS -> classLogits;
                  case PROBABILITIES -> classLogits.softmax(1);
                  case LOG_PROBABILITIES -> classLogits.logSoftmax(1);
                };
            values.put(o, rows(a, count));
          }
          sink.accept(new Rows(first, count, values));
          first += count;
        }
      }
    }
  }

  private static void checkEmbeddings(EmbeddingModel model, NDArray embeddings, int count) {
    Shape shape = embeddings.getShape();
    if (shape.dimension() != 2 || shape.get(0) != count) {
      throw new EmbeddingException(
          model.description()
              + ": output has shape "
              + shape
              + " for a batch of "
              + count
              + "; an embedding must be [batch, features]");
    }
  }

  /** The rows of a {@code [count, width]} array, copied to the heap as float32. */
  private static float[][] rows(NDArray a, int count) {
    int width = (int) a.getShape().get(1);
    float[] flat = a.toType(DataType.FLOAT32, false).toFloatArray();
    float[][] out = new float[count][];
    for (int i = 0; i < count; i++) {
      out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
    }
    return out;
  }

  private static float[][] requested(Map<Output, float[][]> values, Output output) {
    float[][] v = values.get(output);
    if (v == null) {
      throw new IllegalArgumentException(
          output + " was not asked of this pass, only " + values.keySet());
    }
    return v;
  }
}
