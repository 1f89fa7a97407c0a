package org.winnow.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.nets.OfflineDjl;

/**
 * A model opened once and run over many lists of samples, for a worker that outlives one list: a
 * Spark executor opens one per JVM and embeds every partition it is handed with it. Each {@link
 * #embed} is the pass {@code winnow embed} makes (the same {@link Preprocessing}, batches and
 * {@link Inference} loop), so rows computed here equal its rows.
 *
 * <p>Passes may run on several threads at once: each batch has its own NDManager and the model's
 * parameters are only read, with autograd off.
 */
public final class LoadedModel implements AutoCloseable {

  private final EmbeddingModel model;
  private final Inference.Options options;
  private final ModelKey key;
  private final Device device;

  private LoadedModel(
      EmbeddingModel model, Inference.Options options, ModelKey key, Device device) {
    this.model = model;
    this.options = options;
    this.key = key;
    this.device = device;
  }

  /**
   * Opens the model {@code options} names, as {@code winnow embed} would for a run over {@code
   * dataset} whose first sample is {@code first} (which fixes the input channels and, for an
   * architecture, the head's width). DJL is kept offline first ({@link OfflineDjl}).
   *
   * @throws EmbeddingException or {@link org.winnow.nets.CheckpointException} with one line when
   *     the model is missing or cannot be loaded
   */
  public static LoadedModel open(ImageDataset dataset, Sample first, Inference.Options options) {
    OfflineDjl.apply();
    Device device = options.device().resolve();
    EmbeddingModel model =
        ModelSpecs.open(options.model(), ModelSpecs.Context.of(dataset, first, device, options));
    try {
      return new LoadedModel(model, options, ModelKey.of(options.model(), model), device);
    } catch (IOException | RuntimeException e) {
      model.close();
      throw new EmbeddingException(
          options.model() + ": cannot read the model file: " + ModelSpecs.oneLine(e.getMessage()),
          e);
    }
  }

  /**
   * The embeddings of {@code samples} of {@code dataset}, in their order.
   *
   * @throws org.winnow.datasets.DatasetException when an image cannot be decoded
   */
  public float[][] embed(ImageDataset dataset, List<Sample> samples, Progress progress) {
    if (samples.isEmpty()) {
      return new float[0][];
    }
    return Inference.collect(
            model, dataset, samples, options, EnumSet.of(Inference.Output.EMBEDDINGS), progress)
        .get(Inference.Output.EMBEDDINGS);
  }

  /** What the model is, as {@code winnow embed} records it. */
  public String description() {
    return model.description();
  }

  /** Which output is the embedding. */
  public String layer() {
    return model.layer();
  }

  /** How images are turned into the model's input. */
  public Preprocessing preprocessing() {
    return model.preprocessing();
  }

  /**
   * What the model's values are, as {@code winnow embed}'s shards record it: a model file's
   * SHA-256, or an architecture's seeded description; two workers that report the same key run the
   * same model.
   */
  public String key() {
    return key.key();
  }

  /** The model file with its SHA-256, for a manifest's inputs; empty for an architecture. */
  public Optional<Manifest.Input> input() {
    return key.input();
  }

  /** The device the model runs on, e.g. {@code cpu()}. */
  public String device() {
    return device.toString();
  }

  /** The DJL engine and its version, e.g. {@code PyTorch 2.7.1}. */
  public static String engine() {
    OfflineDjl.apply();
    Engine engine = Engine.getInstance();
    return engine.getEngineName() + " " + engine.getVersion();
  }

  /** Frees the model. */
  @Override
  public void close() {
    model.close();
  }
}
