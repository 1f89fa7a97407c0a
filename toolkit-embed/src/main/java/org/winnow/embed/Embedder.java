package org.winnow.embed;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.ImageShape;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.Prefetcher;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;

/**
 * The front door of this package: embeds every sample of a dataset split with a model and writes
 * the HDF5 layout of {@link org.winnow.datasets.embeddings.Hdf5Embeddings}.
 *
 * <p>Images are decoded and preprocessed by worker threads into a bounded queue ({@link
 * Prefetcher}, at most {@code 2 × workers} batches ahead) while the model runs batch after batch,
 * each in its own {@link NDManager} so that native memory is freed as soon as the batch's rows are
 * copied out, with autograd off. Rows are collected one shard at a time and each shard is written
 * as a complete HDF5 file ({@link ShardFolder}); the final file is assembled from them a shard at a
 * time ({@link org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter#assemble}), so the heap holds
 * one shard, never all N × D floats. Rerunning after a kill continues after the last complete
 * shard, and since shards are whole batches the values are those of an uninterrupted run.
 *
 * <p>The embedding is the penultimate layer of Birodkar, Mobahi and Bengio, <i>Semantic
 * Redundancies in Image-Classification Datasets: The 10% You Don't Need</i> (2019), §3.1.
 */
public final class Embedder {

  private Embedder() {}

  /**
   * What a run did.
   *
   * @param output the file written
   * @param rows embeddings in it
   * @param dimension length of each
   * @param device the device used
   * @param model the model description recorded in the file
   * @param resumedRows rows taken from the shards of an earlier, interrupted run
   */
  public record Result(
      Path output, int rows, int dimension, String device, String model, int resumedRows) {}

  /**
   * Embeds the samples {@code options} select and writes them to {@code out}.
   *
   * @param winnowVersion recorded in the file
   * @throws EmbeddingException with one line when the output exists (without overwrite), the model
   *     cannot be loaded or gives no 2-D output, a partial run belongs to another dataset, or a
   *     file cannot be written
   * @throws org.winnow.nets.CheckpointException when a checkpoint is missing or corrupt
   * @throws org.winnow.datasets.DatasetException when an image cannot be decoded
   */
  public static Result embed(
      ImageDataset dataset,
      EmbedOptions options,
      Path out,
      String winnowVersion,
      Progress progress) {
    Path output = out.toAbsolutePath().normalize();
    if (Files.isDirectory(output)) {
      throw new EmbeddingException(output + ": is a folder; --out names the .h5 file to write");
    }
    if (Files.exists(output) && !options.overwrite()) {
      throw new EmbeddingException(output + ": already exists; pass --overwrite to replace it");
    }
    List<Sample> samples = options.split().map(dataset::samples).orElseGet(dataset::samples);
    if (samples.isEmpty()) {
      throw new EmbeddingException(
          dataset.root() + ": no samples in split '" + options.splitId() + "'");
    }
    String indexSha256 = IndexHash.of(dataset);
    Device device = options.device().resolve();
    ImageShape first = dataset.shape(samples.getFirst());
    ModelSpecs.Context ctx =
        new ModelSpecs.Context(
            device,
            options.seed(),
            first.channels(),
            nativeSize(dataset, first),
            options.imageSize(),
            dataset.classNames().size());
    try (EmbeddingModel model = ModelSpecs.open(options.model(), ctx)) {
      int shardSize = options.effectiveShardSize();
      ModelKey modelKey = ModelKey.of(options.model(), model);
      String runKey =
          model.layer()
              + " | "
              + model.preprocessing().describe()
              + " | split "
              + options.splitId()
              + " | batch "
              + options.batchSize()
              + " | shard "
              + shardSize;
      ShardFolder shards =
          ShardFolder.open(
              ShardFolder.folderFor(output),
              indexSha256,
              modelKey.key(),
              runKey,
              samples.size(),
              shardSize,
              options.overwrite());
      int done = shards.completeShards();
      int resumedRows = Math.min(samples.size(), done * shardSize);
      progress.start("embed", samples.size());
      progress.advance(resumedRows);
      computeShards(dataset, samples, model, options, shards, done, progress);
      progress.finish();

      sweepTemporaries(output);
      EmbeddingsHeader header =
          new EmbeddingsHeader(
              model.description(),
              model.layer(),
              dataset.root().toAbsolutePath().toString(),
              dataset.format().cliName(),
              options.splitId(),
              Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
              winnowVersion,
              indexSha256,
              model.preprocessing().describe(),
              manifest(dataset, options, device, model.preprocessing(), winnowVersion, modelKey)
                  .toJson());
      int dimension = shards.dimension();
      shards.assemble(
          output,
          samples.stream().mapToInt(Sample::label).toArray(),
          samples.stream().map(Sample::id).toList(),
          dataset.classNames(),
          header.attributes());
      shards.delete();
      return new Result(
          output, samples.size(), dimension, device.toString(), model.description(), resumedRows);
    } catch (IOException e) {
      throw new EmbeddingException(output + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** Runs the model over every shard from {@code from} on, writing each as it fills. */
  private static void computeShards(
      ImageDataset dataset,
      List<Sample> samples,
      EmbeddingModel model,
      EmbedOptions options,
      ShardFolder shards,
      int from,
      Progress progress) {
    if (from >= shards.shardCount()) {
      return;
    }
    boolean torch = "PyTorch".equals(model.manager().getEngine().getEngineName());
    boolean gradWas = torch && JniUtils.isGradMode();
    if (torch) {
      JniUtils.setGradMode(
          false); // thread-local in PyTorch: this is the thread that runs the model
    }
    int start = shards.firstRow(from);
    int batchSize = options.batchSize();
    Preprocessing preprocessing = model.preprocessing();
    try (Prefetcher<Batch> batches =
        new Prefetcher<>(
            (samples.size() - start + batchSize - 1) / batchSize,
            k -> {
              int s = start + k * batchSize;
              return Batch.decode(
                  dataset, samples, s, Math.min(batchSize, samples.size() - s), preprocessing);
            },
            options.workers(),
            2 * options.workers())) {
      for (int k = from; k < shards.shardCount(); k++) {
        int first = shards.firstRow(k);
        float[][] rows = new float[shards.rowsOf(k)][];
        int filled = 0;
        while (filled < rows.length) {
          Batch b = batches.next();
          embedBatch(model, b, rows, b.start() - first);
          filled += b.count();
          progress.advance(b.count());
        }
        List<Sample> part = samples.subList(first, first + rows.length);
        shards.write(
            k,
            rows,
            part.stream().mapToInt(Sample::label).toArray(),
            part.stream().map(Sample::id).toArray(String[]::new));
      }
    } finally {
      if (torch) {
        JniUtils.setGradMode(gradWas);
      }
    }
  }

  /**
   * A preprocessed batch.
   *
   * @param start position of its first sample in the embedded sample list
   * @param count images in it
   * @param input {@code count × floatsPerImage} model-input floats
   */
  record Batch(int start, int count, float[] input) {

    /** Decodes and preprocesses samples {@code [start, start + count)}; runs on a worker. */
    static Batch decode(
        ImageDataset dataset, List<Sample> samples, int start, int count, Preprocessing p) {
      int n = p.floatsPerImage();
      float[] input = new float[count * n];
      for (int i = 0; i < count; i++) {
        p.apply(dataset.decode(samples.get(start + i)), input, i * n);
      }
      return new Batch(start, count, input);
    }
  }

  /** One forward pass in its own NDManager; copies the rows out before the manager frees them. */
  static void embedBatch(EmbeddingModel model, Batch batch, float[][] rows, int offset) {
    Preprocessing p = model.preprocessing();
    try (NDManager scope = model.manager().newSubManager()) {
      NDArray input =
          scope.create(
              FloatBuffer.wrap(batch.input()),
              new Shape(batch.count(), p.channels(), p.imageSize(), p.imageSize()));
      NDArray out = model.embed(scope, input);
      Shape shape = out.getShape();
      if (shape.dimension() != 2 || shape.get(0) != batch.count()) {
        throw new EmbeddingException(
            model.description()
                + ": output has shape "
                + shape
                + " for a batch of "
                + batch.count()
                + "; an embedding must be [batch, features]");
      }
      int d = (int) shape.get(1);
      float[] values = out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
      for (int i = 0; i < batch.count(); i++) {
        rows[offset + i] = Arrays.copyOfRange(values, i * d, (i + 1) * d);
      }
    }
  }

  /** The side of the dataset's images when the format guarantees one square size for all. */
  private static OptionalInt nativeSize(ImageDataset dataset, ImageShape first) {
    return dataset instanceof InMemoryDataset && first.height() == first.width()
        ? OptionalInt.of(first.width())
        : OptionalInt.empty();
  }

  /** Deletes hidden temporary siblings of {@code output} that a killed run left behind. */
  private static void sweepTemporaries(Path output) throws IOException {
    String prefix = "." + output.getFileName() + ".tmp-";
    Path dir = output.getParent();
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Every option of the run and what was derived from them, with the model file's hash. */
  static Manifest manifest(
      ImageDataset dataset,
      EmbedOptions o,
      Device device,
      Preprocessing preprocessing,
      String winnowVersion,
      ModelKey modelKey) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("data", dataset.root().toAbsolutePath().toString());
    options.put("format", dataset.format().cliName());
    options.put("model", o.model());
    options.put("model_key", modelKey.key());
    options.put("split", o.splitId());
    options.put("batch_size", Integer.toString(o.batchSize()));
    options.put("device", o.device().id());
    options.put("device_used", device.toString());
    options.put("image_size", o.imageSize().isPresent() ? o.imageSize().getAsInt() + "" : "auto");
    options.put("input_size", Integer.toString(preprocessing.imageSize()));
    options.put("input_channels", Integer.toString(preprocessing.channels()));
    options.put("mean", Arrays.toString(preprocessing.mean()));
    options.put("std", Arrays.toString(preprocessing.std()));
    options.put("shard_size", Integer.toString(o.effectiveShardSize()));
    options.put("workers", Integer.toString(o.workers()));
    options.put("overwrite", Boolean.toString(o.overwrite()));
    return Manifest.of(
        "winnow embed",
        winnowVersion,
        options,
        OptionalLong.of(o.seed()),
        modelKey.input().stream().toArray(Manifest.Input[]::new));
  }
}
