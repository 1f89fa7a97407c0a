package org.winnow.embed;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.winnow.datasets.Split;

/**
 * What {@link Embedder#embed} is asked to do: an {@link Inference} pass ({@link #inference()}) over
 * a split, written in shards.
 *
 * @param model an architecture name ({@code resnet20}, {@code resnet32}, {@code resnet18}: seeded
 *     random initialisation), a run folder or checkpoint written by {@code winnow train}, a
 *     TorchScript file ({@code .pt}), or a DJL model-zoo URL ({@code djl://…})
 * @param split the split to embed; empty for every split, in dataset order
 * @param batchSize images per forward pass
 * @param device where inference runs
 * @param imageSize the side images are resized to; empty for the model's own size (a checkpoint's),
 *     else the dataset's when all its images share one, else 32 (224 for TorchScript and zoo
 *     models)
 * @param seed the seed of the random initialisation of an architecture given by name
 * @param shardSize rows per shard file; rounded up to a multiple of {@code batchSize} so that a
 *     resumed run forms the same batches as an uninterrupted one
 * @param overwrite replace an existing output, and discard the shards of a partial run
 * @param workers threads decoding and preprocessing images ahead of the model
 */
public record EmbedOptions(
    String model,
    Optional<Split> split,
    int batchSize,
    DeviceChoice device,
    OptionalInt imageSize,
    int seed,
    int shardSize,
    boolean overwrite,
    int workers) {

  /** Default rows per shard: 4,096 rows of 2,048 floats are 32 MiB. */
  public static final int DEFAULT_SHARD_SIZE = 4096;

  /** Validates the fields: the model's through {@link Inference.Options}, then the shards'. */
  public EmbedOptions {
    Objects.requireNonNull(split, "split");
    new Inference.Options(model, device, imageSize, seed, batchSize, workers);
    if (shardSize < 1) {
      throw new IllegalArgumentException("shard size must be at least 1, not " + shardSize);
    }
  }

  /** How the model is opened and run. */
  public Inference.Options inference() {
    return new Inference.Options(model, device, imageSize, seed, batchSize, workers);
  }

  /** The train split of {@code model}, {@link Inference.Options#defaults} for the pass. */
  public static EmbedOptions defaults(String model) {
    Inference.Options pass = Inference.Options.defaults(model);
    return new EmbedOptions(
        model,
        Optional.of(Split.TRAIN),
        pass.batchSize(),
        pass.device(),
        pass.imageSize(),
        pass.seed(),
        DEFAULT_SHARD_SIZE,
        false,
        pass.workers());
  }

  /** The split as written to the file: {@code train}, {@code val}, {@code test} or {@code all}. */
  public String splitId() {
    return split.map(Split::id).orElse("all");
  }

  /** {@link #shardSize} rounded up to a whole number of batches. */
  public int effectiveShardSize() {
    return Math.ceilDiv(shardSize, batchSize) * batchSize;
  }

  /** These options with another split (empty: all). */
  public EmbedOptions withSplit(Optional<Split> s) {
    return new EmbedOptions(
        model, s, batchSize, device, imageSize, seed, shardSize, overwrite, workers);
  }

  /** These options with another batch size. */
  public EmbedOptions withBatchSize(int b) {
    return new EmbedOptions(
        model, split, b, device, imageSize, seed, shardSize, overwrite, workers);
  }

  /** These options with another device. */
  public EmbedOptions withDevice(DeviceChoice d) {
    return new EmbedOptions(
        model, split, batchSize, d, imageSize, seed, shardSize, overwrite, workers);
  }

  /** These options with a forced image size (empty: automatic). */
  public EmbedOptions withImageSize(OptionalInt s) {
    return new EmbedOptions(
        model, split, batchSize, device, s, seed, shardSize, overwrite, workers);
  }

  /** These options with another seed. */
  public EmbedOptions withSeed(int s) {
    return new EmbedOptions(
        model, split, batchSize, device, imageSize, s, shardSize, overwrite, workers);
  }

  /** These options with another shard size. */
  public EmbedOptions withShardSize(int s) {
    return new EmbedOptions(
        model, split, batchSize, device, imageSize, seed, s, overwrite, workers);
  }

  /** These options with overwriting switched on or off. */
  public EmbedOptions withOverwrite(boolean o) {
    return new EmbedOptions(
        model, split, batchSize, device, imageSize, seed, shardSize, o, workers);
  }

  /** These options with another number of decoding threads. */
  public EmbedOptions withWorkers(int w) {
    return new EmbedOptions(
        model, split, batchSize, device, imageSize, seed, shardSize, overwrite, w);
  }
}
