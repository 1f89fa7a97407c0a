package org.winnow.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.embed.Inference;

/**
 * Splits of a dataset embedded in memory by one {@link Inference} pass, preprocessed as {@code
 * winnow embed} does, for the jobs that need held-out embeddings without writing a file ({@code
 * audit leakage --model}, {@code advise --data}).
 */
final class SplitEmbeddings {

  private SplitEmbeddings() {}

  /** The embeddings of each of {@code splits}, in one pass over their samples. */
  static Map<Split, EmbeddingSet> of(
      ImageDataset ds, List<Split> splits, Inference.Options o, Progress progress) {
    List<Sample> all = new ArrayList<>();
    for (Split s : splits) {
      all.addAll(ds.samples(s));
    }
    float[][] vectors =
        Inference.run(ds, all, o, Set.of(Inference.Output.EMBEDDINGS), progress)
            .get(Inference.Output.EMBEDDINGS);
    Map<String, String> attributes =
        Map.of(
            EmbeddingsHeader.DATASET_PATH,
            ds.root().toAbsolutePath().normalize().toString(),
            EmbeddingsHeader.DATASET_FORMAT,
            ds.format().cliName());
    Map<Split, EmbeddingSet> sets = new EnumMap<>(Split.class);
    int first = 0;
    for (Split s : splits) {
      List<Sample> samples = ds.samples(s);
      int n = samples.size();
      sets.put(
          s,
          new EmbeddingSet(
              ds.root() + " (" + s.id() + ")",
              samples.stream().map(Sample::id).toList(),
              samples.stream().mapToInt(Sample::label).toArray(),
              ds.classNames(),
              Arrays.copyOfRange(vectors, first, first + n),
              new TreeMap<>(attributes)));
      first += n;
    }
    return sets;
  }
}
