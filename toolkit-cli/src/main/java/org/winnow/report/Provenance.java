package org.winnow.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.prune.KeepList;

/**
 * Where the pruned samples came from: the embeddings file the pruning read and the dataset those
 * embeddings were computed from, opened so the gallery can show the images. Refuses inputs that do
 * not belong together, by their dataset index hashes ({@link IndexHash}).
 *
 * @param embeddings the embeddings file
 * @param attributes its root attributes (model, dataset path and format, split, index hash, ...)
 * @param dataset the opened dataset
 * @param indexSha256 the dataset's index hash
 * @param samples the dataset's samples by id
 */
record Provenance(
    Path embeddings,
    Map<String, String> attributes,
    ImageDataset dataset,
    String indexSha256,
    Map<String, Sample> samples) {

  /**
   * Finds and opens the embeddings and dataset behind some prune outputs, and checks that every
   * output, the embeddings and the dataset share one index hash and that every id of every {@code
   * groups.csv} is in the dataset.
   *
   * @param embeddingsOverride used instead of the path the first summary records
   * @param dataOverride used instead of the dataset path the embeddings record
   * @throws DatasetException one line naming the file, id or hash that is wrong
   */
  static Provenance resolve(
      List<PruneResult> results, Optional<Path> embeddingsOverride, Optional<Path> dataOverride) {
    PruneResult first = results.getFirst();
    Path summary = first.folder().resolve(ReportRequest.SUMMARY);
    Path embeddings =
        embeddingsOverride.orElseGet(
            () ->
                Path.of(
                    first
                        .embeddingsInput()
                        .orElseThrow(
                            () ->
                                new DatasetException(
                                    summary + ": records no embeddings input; pass --embeddings"))
                        .path()));
    if (embeddingsOverride.isEmpty() && !Files.exists(embeddings)) {
      throw new DatasetException(
          summary
              + ": the embeddings it was made from, "
              + embeddings
              + ", no longer exist; pass --embeddings");
    }
    Map<String, String> attrs = EmbeddingSource.of(embeddings).attributes();
    String embeddingsHash = attrs.get(EmbeddingsHeader.INDEX_SHA256);
    for (PruneResult r : results) {
      Optional<String> recorded = r.embeddingsInput().flatMap(i -> i.indexSha256());
      if (embeddingsHash != null
          && recorded.isPresent()
          && !recorded.get().equals(embeddingsHash)) {
        throw new DatasetException(
            r.folder().resolve(ReportRequest.SUMMARY)
                + ": was made from data with index hash "
                + recorded.get()
                + ", but "
                + embeddings
                + " has "
                + embeddingsHash);
      }
    }

    Path data =
        dataOverride.orElseGet(
            () -> {
              String p = attrs.get(EmbeddingsHeader.DATASET_PATH);
              if (p == null) {
                throw new DatasetException(embeddings + ": records no dataset_path; pass --data");
              }
              return Path.of(p);
            });
    OpenOptions options = OpenOptions.defaults().withOnBadImage(BadImagePolicy.SKIP);
    String format = attrs.get(EmbeddingsHeader.DATASET_FORMAT);
    if (dataOverride.isEmpty() && format != null) {
      try {
        options = options.withFormat(DatasetFormat.parse(format));
      } catch (IllegalArgumentException e) {
        throw new DatasetException(
            embeddings + ": dataset_format '" + format + "' is not a dataset Winnow can open", e);
      }
    }
    ImageDataset dataset = Datasets.open(data, options, Progress.NONE);
    String hash = IndexHash.of(dataset);
    if (embeddingsHash != null && !embeddingsHash.equals(hash)) {
      throw new DatasetException(
          dataset.root()
              + ": index hash "
              + hash
              + " differs from "
              + embeddingsHash
              + " recorded in "
              + embeddings
              + " (the dataset changed since the embeddings were computed)");
    }
    Map<String, Sample> byId = new HashMap<>();
    for (Sample s : dataset.samples()) {
      byId.put(s.id(), s);
    }
    for (PruneResult r : results) {
      for (KeepList.GroupRow g : r.groups()) {
        if (!byId.containsKey(g.id())) {
          throw new DatasetException(
              r.folder().resolve(ReportRequest.GROUPS)
                  + ": sample id '"
                  + g.id()
                  + "' is not in the dataset "
                  + dataset.root());
        }
      }
    }
    return new Provenance(embeddings, attrs, dataset, hash, byId);
  }
}
