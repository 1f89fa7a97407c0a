package org.winnow.embed;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.nets.OfflineDjl;

/**
 * The front door of {@code winnow embed}: embeds every sample of a dataset split with a model and
 * writes the HDF5 layout of {@link org.winnow.datasets.embeddings.Hdf5Embeddings}.
 *
 * <p>The model runs as one {@link Inference} pass: images are decoded and preprocessed by worker
 * threads into a bounded queue, at most {@code 2 × workers} batches ahead, while the model runs
 * batch after batch, each in its own NDManager so that native memory is freed as soon as the
 * batch's rows are copied out, with autograd off. Rows are collected one shard at a time and each
 * shard is written as a complete HDF5 file ({@link ShardFolder}); the final file is assembled from
 * them a shard at a time ({@link org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter#assemble}), so
 * the heap holds one shard, never all N × D floats. Rerunning after a kill continues after the last
 * complete shard, and since shards are whole batches the values are those of an uninterrupted run.
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
    OfflineDjl.apply();
    Path output = checkOutput(dataset, options, out);
    try (OutputLock claim = OutputLock.acquire(output)) {
      return embedClaimed(dataset, options, output, winnowVersion, progress);
    } catch (IOException e) {
      throw new EmbeddingException(output + ": cannot lock: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses an output that is a folder, exists without {@code overwrite}, is, holds or lies in the
   * dataset or the model, or that {@code overwrite} would replace though Winnow did not write it
   * ({@link OutputGuard}); the CLI calls it before it prints anything.
   *
   * @return the output, absolute
   */
  public static Path checkOutput(ImageDataset dataset, EmbedOptions options, Path out) {
    Path output = out.toAbsolutePath().normalize();
    if (Files.isDirectory(output)) {
      throw new EmbeddingException(output + ": is a folder; --out names the .h5 file to write");
    }
    OutputGuard.check(output, inputs(dataset, options), options.overwrite(), OUTPUT);
    if (Files.exists(output) && !options.overwrite()) {
      throw new EmbeddingException(output + ": already exists; pass --overwrite to replace it");
    }
    return output;
  }

  /** What {@code --overwrite} may replace: a file (never a folder). */
  private static final OutputGuard.Kind OUTPUT = OutputGuard.Kind.regularFile("embeddings file");

  /** What the output may not touch: the dataset, and the model when it is a file or folder. */
  private static List<Path> inputs(ImageDataset dataset, EmbedOptions options) {
    List<Path> inputs = new java.util.ArrayList<>();
    inputs.add(dataset.root());
    try {
      Path model = Path.of(options.model());
      if (Files.exists(model)) {
        inputs.add(model);
      }
    } catch (java.nio.file.InvalidPathException e) {
      // a model name, not a path
    }
    return inputs;
  }

  private static Result embedClaimed(
      ImageDataset dataset,
      EmbedOptions options,
      Path output,
      String winnowVersion,
      Progress progress) {
    List<Sample> samples = options.split().map(dataset::samples).orElseGet(dataset::samples);
    if (samples.isEmpty()) {
      throw new EmbeddingException(
          dataset.root() + ": no samples in split '" + options.splitId() + "'");
    }
    String indexSha256 = IndexHash.of(dataset);
    Device device = options.device().resolve();
    ModelSpecs.Context ctx =
        ModelSpecs.Context.of(dataset, samples.getFirst(), device, options.inference());
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

  /**
   * Runs the model over every shard from {@code from} on, writing each as it fills. Shards are
   * whole batches, so a batch never spans two.
   */
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
    int start = shards.firstRow(from);
    var filling =
        new Object() {
          int shard = from;
          float[][] rows = new float[shards.rowsOf(from)][];
          int filled;
        };
    try (DatasetBatches batches =
        new DatasetBatches(
            dataset,
            samples.subList(start, samples.size()),
            model.preprocessing(),
            options.batchSize(),
            options.workers())) {
      Inference.run(
          model,
          batches,
          EnumSet.of(Inference.Output.EMBEDDINGS),
          batch -> {
            int k = filling.shard;
            int first = shards.firstRow(k);
            float[][] embeddings = batch.get(Inference.Output.EMBEDDINGS);
            System.arraycopy(
                embeddings, 0, filling.rows, start + batch.first() - first, batch.count());
            filling.filled += batch.count();
            progress.advance(batch.count());
            if (filling.filled == filling.rows.length) {
              List<Sample> part = samples.subList(first, first + filling.filled);
              shards.write(
                  k,
                  filling.rows,
                  part.stream().mapToInt(Sample::label).toArray(),
                  part.stream().map(Sample::id).toArray(String[]::new));
              if (++filling.shard < shards.shardCount()) {
                filling.rows = new float[shards.rowsOf(filling.shard)][];
                filling.filled = 0;
              }
            }
          });
    }
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
    return Manifest.of(
        "winnow embed",
        winnowVersion,
        options(dataset, o, Optional.of(new Derived(modelKey, device, preprocessing))),
        OptionalLong.of(o.seed()),
        modelKey.input().stream().toArray(Manifest.Input[]::new));
  }

  /**
   * Checks, without loading anything, that a {@code --model} spec can name a model (an
   * architecture, a zoo URL while DJL may download, or a readable file or folder), so that a caller
   * can refuse a bad spec before reading the dataset.
   *
   * @throws EmbeddingException with one line otherwise
   */
  public static void checkModel(String spec) {
    OfflineDjl.apply();
    ModelSpecs.check(spec);
  }

  /**
   * The options a run's manifest records that the request alone decides: all but {@code model_key},
   * {@code device_used}, {@code input_size}, {@code input_channels}, {@code mean} and {@code std},
   * which come from the opened model. A pipeline that keys a stage on an embedding run uses these,
   * in the manifest's order.
   */
  public static Map<String, String> requestOptions(ImageDataset dataset, EmbedOptions o) {
    return options(dataset, o, Optional.empty());
  }

  /** What the opened model adds to the manifest. */
  private record Derived(ModelKey modelKey, Device device, Preprocessing preprocessing) {}

  private static Map<String, String> options(
      ImageDataset dataset, EmbedOptions o, Optional<Derived> derived) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("data", dataset.root().toAbsolutePath().toString());
    options.put("format", dataset.format().cliName());
    options.put("model", o.model());
    derived.ifPresent(d -> options.put("model_key", d.modelKey().key()));
    options.put("split", o.splitId());
    options.put("batch_size", Integer.toString(o.batchSize()));
    options.put("device", o.device().id());
    derived.ifPresent(d -> options.put("device_used", d.device().toString()));
    options.put("image_size", o.imageSize().isPresent() ? o.imageSize().getAsInt() + "" : "auto");
    derived.ifPresent(
        d -> {
          Preprocessing p = d.preprocessing();
          options.put("input_size", Integer.toString(p.imageSize()));
          options.put("input_channels", Integer.toString(p.channels()));
          options.put("mean", Arrays.toString(p.mean()));
          options.put("std", Arrays.toString(p.std()));
        });
    options.put("shard_size", Integer.toString(o.effectiveShardSize()));
    options.put("workers", Integer.toString(o.workers()));
    options.put("overwrite", Boolean.toString(o.overwrite()));
    return options;
  }
}
