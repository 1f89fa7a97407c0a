package org.winnow.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.embeddings.EmbeddingSummary;
import org.winnow.datasets.embeddings.Hdf5Embeddings;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;

/**
 * The folder of shards a run writes next to its output ({@code embeddings.h5.shards/}). Shard
 * {@code k} holds rows {@code [k·size, (k+1)·size)} as a complete file of the final file's layout
 * ({@code shard-00000.h5}, …, written and read back by datasets' {@link Hdf5EmbeddingsWriter} and
 * {@link Hdf5Embeddings}), without class names, and with attributes that tie it to its run: {@code
 * first_row}, {@code index_sha256}, {@code model_key} (the model's content hash, {@link ModelKey})
 * and {@code run_key} (every other option that changes the values). A rerun keeps the longest run
 * of valid shards from 0 and continues after it; hidden temporary files left by a kill are deleted.
 */
final class ShardFolder {

  private final Path dir;
  private final String indexSha256;
  private final String modelKey;
  private final String runKey;
  private final int rows;
  private final int shardSize;

  private ShardFolder(
      Path dir, String indexSha256, String modelKey, String runKey, int rows, int shardSize) {
    this.dir = dir;
    this.indexSha256 = indexSha256;
    this.modelKey = modelKey;
    this.runKey = runKey;
    this.rows = rows;
    this.shardSize = shardSize;
  }

  /** The shard folder that belongs to {@code output}. */
  static Path folderFor(Path output) {
    return output.resolveSibling(output.getFileName() + ".shards");
  }

  /**
   * Opens or creates the folder, sweeping temporary files.
   *
   * @param indexSha256 the dataset's index hash
   * @param modelKey what the model's values are ({@link ModelKey}): its content hash, not its path
   * @param runKey every other option that changes the values
   * @param discard delete shards of an earlier run instead of resuming from them
   */
  static ShardFolder open(
      Path dir,
      String indexSha256,
      String modelKey,
      String runKey,
      int rows,
      int shardSize,
      boolean discard)
      throws IOException {
    if (discard) {
      AtomicFiles.deleteTree(dir);
    }
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
        AtomicFiles.deleteTree(p);
      }
    }
    return new ShardFolder(dir, indexSha256, modelKey, runKey, rows, shardSize);
  }

  /**
   * The length of the rows, D, as shard 0 records it.
   *
   * @throws EmbeddingException when shard 0 is unreadable
   */
  int dimension() {
    try {
      return (int) new Hdf5Embeddings(shard(0)).summarize().dimension();
    } catch (DatasetException e) {
      throw new EmbeddingException(e.getMessage(), e);
    }
  }

  /** Rows of a complete run. */
  int rows() {
    return rows;
  }

  /** Number of shards a complete run has. */
  int shardCount() {
    return Math.ceilDiv(rows, shardSize);
  }

  /** First row of shard {@code k}. */
  int firstRow(int k) {
    return k * shardSize;
  }

  /** Rows of shard {@code k}. */
  int rowsOf(int k) {
    return Math.min(shardSize, rows - k * shardSize);
  }

  Path shard(int k) {
    return dir.resolve(String.format("shard-%05d.h5", k));
  }

  /**
   * The number of leading shards that are complete and belong to this run; later shard files are
   * deleted, since they will be written again.
   *
   * @throws EmbeddingException when a shard was made from another dataset index or other options
   */
  int completeShards() throws IOException {
    int k = 0;
    while (k < shardCount() && Files.isRegularFile(shard(k)) && valid(k)) {
      k++;
    }
    for (int j = k; j < shardCount(); j++) {
      Files.deleteIfExists(shard(j));
    }
    return k;
  }

  private boolean valid(int k) {
    EmbeddingSummary summary;
    try {
      summary = new Hdf5Embeddings(shard(k)).summarize();
    } catch (DatasetException e) {
      return false; // unreadable: compute it again
    }
    Map<String, String> attrs = summary.attributes();
    refuseChanged(attrs, "index_sha256", indexSha256, "the dataset changed", "index sha256 ");
    refuseChanged(attrs, "model_key", modelKey, "the model changed", "");
    String key = attrs.getOrDefault("run_key", "");
    if (!key.equals(runKey)) {
      throw new EmbeddingException(
          dir
              + ": a partial run with other options is here ("
              + key
              + "; now "
              + runKey
              + "); rerun with the same options, or pass --overwrite to start over");
    }
    return String.valueOf(firstRow(k)).equals(attrs.get("first_row"))
        && summary.rows() == rowsOf(k);
  }

  /** Throws when a shard's {@code attribute} is not {@code now}: the input changed. */
  private void refuseChanged(
      Map<String, String> attrs, String attribute, String now, String what, String label) {
    String there = attrs.getOrDefault(attribute, "");
    if (!there.equals(now)) {
      throw new EmbeddingException(
          dir
              + ": "
              + what
              + " since this partial run ("
              + label
              + there
              + " there, "
              + now
              + " now); refusing to resume: delete the folder or pass --overwrite to start over");
    }
  }

  /** Writes shard {@code k} as a complete file. */
  void write(int k, float[][] embeddings, int[] labels, String[] ids) {
    SequencedMap<String, String> attributes = new LinkedHashMap<>();
    attributes.put("first_row", String.valueOf(firstRow(k)));
    attributes.put("index_sha256", indexSha256);
    attributes.put("model_key", modelKey);
    attributes.put("run_key", runKey);
    try {
      new Hdf5EmbeddingsWriter(labels, List.of(ids), List.of(), attributes)
          .write(shard(k), embeddings);
    } catch (DatasetException e) {
      throw new EmbeddingException(e.getMessage(), e);
    }
  }

  /**
   * Writes the final file at {@code output} from every shard, in bounded memory ({@link
   * Hdf5EmbeddingsWriter#assemble}).
   *
   * @throws EmbeddingException naming the file or shard that cannot be written or read
   */
  void assemble(
      Path output,
      int[] labels,
      List<String> ids,
      List<String> classNames,
      SequencedMap<String, String> attributes) {
    try {
      new Hdf5EmbeddingsWriter(labels, ids, classNames, attributes)
          .assemble(output, IntStream.range(0, shardCount()).mapToObj(this::shard).toList());
    } catch (DatasetException e) {
      throw new EmbeddingException(e.getMessage(), e);
    }
  }

  /** Deletes the folder and its shards. */
  void delete() throws IOException {
    AtomicFiles.deleteTree(dir);
  }

  /** Shard files present, for tests. */
  List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
