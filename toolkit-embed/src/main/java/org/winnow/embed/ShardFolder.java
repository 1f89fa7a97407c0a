package org.winnow.embed;

import io.jhdf.HdfFile;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;

/**
 * The folder of shards a run writes next to its output ({@code embeddings.h5.shards/}). Shard
 * {@code k} holds rows {@code [k·size, (k+1)·size)} as a complete HDF5 file ({@code
 * shard-00000.h5}, …) with the {@code /embeddings}, {@code /labels} and {@code /ids} datasets of
 * the final file, and attributes that tie it to its run: {@code first_row}, {@code index_sha256}
 * and {@code run_key} (every option that changes the values). A rerun keeps the longest run of
 * valid shards from 0 and continues after it; hidden temporary files left by a kill are deleted.
 */
final class ShardFolder {

  private final Path dir;
  private final String indexSha256;
  private final String runKey;
  private final int rows;
  private final int shardSize;

  private ShardFolder(Path dir, String indexSha256, String runKey, int rows, int shardSize) {
    this.dir = dir;
    this.indexSha256 = indexSha256;
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
   * @param discard delete shards of an earlier run instead of resuming from them
   */
  static ShardFolder open(
      Path dir, String indexSha256, String runKey, int rows, int shardSize, boolean discard)
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
    return new ShardFolder(dir, indexSha256, runKey, rows, shardSize);
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
    Map<String, String> attrs;
    int[] dims;
    try (HdfFile f = new HdfFile(shard(k))) {
      attrs = AtomicHdf5.attributes(f);
      dims = EmbeddingFile.dataset(shard(k), f, EmbeddingFile.EMBEDDINGS).getDimensions();
    } catch (HdfException | EmbeddingException e) {
      return false; // unreadable: compute it again
    }
    String hash = attrs.getOrDefault("index_sha256", "");
    if (!hash.equals(indexSha256)) {
      throw new EmbeddingException(
          dir
              + ": the dataset changed since this partial run (index sha256 "
              + hash
              + " there, "
              + indexSha256
              + " now); refusing to resume: delete the folder or pass --overwrite to start over");
    }
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
        && dims.length == 2
        && dims[0] == rowsOf(k);
  }

  /** Writes shard {@code k} as a complete file. */
  void write(int k, float[][] embeddings, int[] labels, String[] ids) {
    AtomicHdf5.write(
        shard(k),
        f -> {
          f.putDataset(EmbeddingFile.EMBEDDINGS, embeddings);
          f.putDataset(EmbeddingFile.LABELS, labels);
          f.putDataset(EmbeddingFile.IDS, ids);
          f.putAttribute("first_row", String.valueOf(firstRow(k)));
          f.putAttribute("index_sha256", indexSha256);
          f.putAttribute("run_key", runKey);
        });
  }

  /** The embeddings of shard {@code k}. */
  float[][] read(int k) {
    try (HdfFile f = new HdfFile(shard(k))) {
      return EmbeddingFile.floats(
          shard(k), EmbeddingFile.dataset(shard(k), f, EmbeddingFile.EMBEDDINGS).getData());
    } catch (HdfException e) {
      throw new EmbeddingException(
          shard(k) + ": unreadable shard: " + ModelSpecs.oneLine(e.getMessage()), e);
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
