package org.winnow.spark.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.embed.Embedder;
import org.winnow.embed.LoadedModel;

/**
 * The driver's side of a run: index, output folder, one task per missing part, manifest.
 *
 * <p>The output folder holds {@code run.json} (what the parts are computed from, written first),
 * {@code embeddings/part-NNNNN.parquet} and, once every part is there, {@code manifest.json}. A
 * rerun with the same request continues; one with another model, data or options is refused unless
 * {@code --overwrite} starts afresh.
 */
final class SparkEmbedder {

  /** The file that records what the parts are computed from. */
  static final String RUN_FILE = "run.json";

  /** The file written last, when the output is complete. */
  static final String MANIFEST_FILE = "manifest.json";

  /** The folder of the part files. */
  static final String PARTS_FOLDER = "embeddings";

  private static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("Spark embedding output", RUN_FILE, MANIFEST_FILE);

  private SparkEmbedder() {}

  /**
   * What a run did.
   *
   * @param parts the folder of part files
   * @param rows rows in all parts
   * @param dimension length of each embedding
   * @param partCount parts in all
   * @param resumedParts parts an earlier run had finished
   * @param model the model's description
   * @param devices the devices the tasks ran on
   */
  record Result(
      Path parts,
      int rows,
      int dimension,
      int partCount,
      int resumedParts,
      String model,
      String devices) {}

  /**
   * Embeds what {@code o} asks for.
   *
   * @throws DatasetException, {@link org.winnow.embed.EmbeddingException} or {@link
   *     org.winnow.nets.CheckpointException} with one line, possibly wrapped by Spark
   */
  static Result embed(SparkSession spark, SparkEmbedOptions o, String version) throws IOException {
    Embedder.checkModel(o.inference().model());
    Path out = o.out().toAbsolutePath().normalize();
    List<Path> inputs = new ArrayList<>();
    o.manifest().ifPresent(inputs::add);
    o.data().ifPresent(inputs::add);
    Path modelPath = Path.of(o.inference().model());
    if (Files.exists(modelPath)) {
      inputs.add(modelPath);
    }
    OutputGuard.check(out, inputs, o.overwrite(), OUTPUT);

    ImageIndex index =
        o.manifest().isPresent()
            ? ImageIndex.ofManifest(spark, o.manifest().get())
            : ImageIndex.ofFolder(o.data().get(), o.split());
    Path parts = out.resolve(PARTS_FOLDER);
    var inference = o.inference();
    EmbedJob job =
        new EmbedJob(
            index.source(),
            inference.model(),
            inference.device().id(),
            inference.imageSize().orElse(0),
            inference.seed(),
            inference.batchSize(),
            inference.workers(),
            index.classNames(),
            index.rows().getFirst(),
            "",
            parts.toString(),
            index.datasetRoot());
    // The model's input is read from the first image, which must be there.
    job.checkExists(List.of(index.rows().getFirst()));
    LoadedModel model = ModelHolder.get(job);
    EmbedJob run = job.withModelKey(model.key());

    Map<String, String> options = request(o, index, model);
    prepare(out, manifest(options, o, index, model, version).toJson(), o.overwrite());
    EmbeddingParts.sweepTemporaries(parts);
    TreeSet<Integer> done = EmbeddingParts.complete(parts);

    int size = o.effectivePartSize();
    int n = index.rows().size();
    int count = Math.ceilDiv(n, size);
    List<PartTask> todo = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      if (!done.contains(k)) {
        todo.add(new PartTask(k, index.rows().subList(k * size, Math.min(n, (k + 1) * size))));
      }
    }
    List<PartTask.Done> finished =
        todo.isEmpty()
            ? List.of()
            : JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(todo, todo.size())
                .map(t -> t.run(run))
                .collect();
    int dimension =
        finished.isEmpty() ? dimensionOf(spark, parts) : finished.getFirst().dimension();
    String devices =
        finished.isEmpty()
            ? model.device()
            : String.join(
                ",", new TreeSet<>(finished.stream().map(PartTask.Done::device).toList()));

    options.put("device_used", devices);
    options.put("dimension", Integer.toString(dimension));
    options.put("engine", "DJL " + LoadedModel.engine());
    options.put("parts", Integer.toString(count));
    options.put("rows", Integer.toString(n));
    options.put("spark_version", spark.version());
    options.put("workers", Integer.toString(inference.workers()));
    options.put("device", inference.device().id());
    AtomicFiles.writeString(
        out.resolve(MANIFEST_FILE), manifest(options, o, index, model, version).toJson());
    return new Result(
        parts, n, dimension, count, count - todo.size(), model.description(), devices);
  }

  /** What the parts are computed from: a rerun continues only when all of it is the same. */
  private static Map<String, String> request(
      SparkEmbedOptions o, ImageIndex index, LoadedModel model) {
    Map<String, String> options = new LinkedHashMap<>();
    options.put(o.manifest().isPresent() ? "manifest" : "data", index.source());
    if (o.data().isPresent()) {
      options.put("split", o.splitId());
    }
    options.put("model", o.inference().model());
    options.put("model_key", model.key());
    options.put("layer", model.layer());
    options.put("preprocessing", model.preprocessing().describe());
    options.put(
        "image_size",
        o.inference().imageSize().isPresent() ? o.inference().imageSize().getAsInt() + "" : "auto");
    options.put("batch_size", Integer.toString(o.inference().batchSize()));
    options.put("part_size", Integer.toString(o.effectivePartSize()));
    options.put("class_names", String.join("\t", index.classNames()));
    return options;
  }

  private static Manifest manifest(
      Map<String, String> options,
      SparkEmbedOptions o,
      ImageIndex index,
      LoadedModel model,
      String version) {
    List<Manifest.Input> inputs = new ArrayList<>(List.of(index.input()));
    model.input().ifPresent(inputs::add);
    return Manifest.of(
        "winnow spark embed",
        version,
        options,
        OptionalLong.of(o.inference().seed()),
        inputs.toArray(Manifest.Input[]::new));
  }

  /**
   * Makes {@code out} ready for the run {@code identity} describes: a finished output or another
   * run's parts are replaced under {@code overwrite} and refused otherwise; a folder Winnow did not
   * write is refused.
   */
  private static void prepare(Path out, String identity, boolean overwrite) throws IOException {
    Path runFile = out.resolve(RUN_FILE);
    if (Files.exists(out.resolve(MANIFEST_FILE))) {
      if (!overwrite) {
        throw new DatasetException(
            out + ": already holds finished embeddings; pass --overwrite to replace them");
      }
      AtomicFiles.deleteTree(out);
    } else if (Files.exists(runFile)) {
      if (!Files.readString(runFile).equals(identity)) {
        if (!overwrite) {
          throw new DatasetException(
              out
                  + ": holds the parts of another run (other model, data or options, see "
                  + RUN_FILE
                  + "); rerun that command to finish it, or pass --overwrite to start again");
        }
        AtomicFiles.deleteTree(out);
      }
    } else if (Files.exists(out) && !isEmptyFolder(out)) {
      throw new DatasetException(
          out + ": exists and is not an output of winnow spark embed; choose another --out");
    }
    if (!Files.exists(runFile)) {
      AtomicFiles.writeString(runFile, identity);
    }
  }

  private static boolean isEmptyFolder(Path p) throws IOException {
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.findAny().isEmpty();
    }
  }

  /** The embedding length of the parts an earlier run wrote. */
  private static int dimensionOf(SparkSession spark, Path parts) {
    return spark
        .read()
        .parquet(parts.resolve(EmbeddingParts.name(0)).toString())
        .select(functions.size(functions.col("embedding")))
        .first()
        .getInt(0);
  }
}
