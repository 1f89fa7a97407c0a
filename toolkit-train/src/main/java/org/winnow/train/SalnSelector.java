package org.winnow.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.FiedlerScorer;

/**
 * SALN's per-batch selection (Sharifi, <i>Optimizing Data Curation through Spectral Analysis and
 * Joint Batch Selection (SALN)</i>, 2024, §3.5–3.6, Algorithm 1) on fixed reference features: each
 * batch keeps the {@code int(n · (1 − filterRatio))} samples {@link FiedlerScorer} picks. The
 * features never change, so a batch's choice depends only on its members; the whole epoch's choices
 * are computed ahead on a background thread as soon as the epoch is shuffled, and a step only waits
 * if it overtakes that thread.
 */
public final class SalnSelector implements FilteringSelector {

  /**
   * The options of {@code saln}.
   *
   * @param filterRatio the fraction of each batch left out
   * @param referenceEmbeddings the fixed reference features: an embeddings file of the dataset
   *     ({@code winnow embed}); required when a run starts
   */
  public record Options(FilterRatio filterRatio, Optional<Path> referenceEmbeddings)
      implements SelectorOptions {

    /** The manifest name of the reference embeddings. */
    public static final String REFERENCE_EMBEDDINGS = "reference_embeddings";

    /** Validates the options. */
    public Options {
      Objects.requireNonNull(filterRatio, "filterRatio");
      Objects.requireNonNull(referenceEmbeddings, "referenceEmbeddings");
    }

    /** The options among selector options in text form. */
    static Options of(Map<String, String> settings) {
      return new Options(FilterRatio.of(settings), OptionText.path(settings, REFERENCE_EMBEDDINGS));
    }

    @Override
    public SortedMap<String, String> describe() {
      TreeMap<String, String> m = new TreeMap<>();
      m.put(FilterRatio.KEY, filterRatio.text());
      m.put(REFERENCE_EMBEDDINGS, OptionText.text(referenceEmbeddings));
      return m;
    }

    @Override
    public void requireInputs() {
      embeddings();
    }

    @Override
    public List<Path> inputPaths() {
      return referenceEmbeddings.stream().toList();
    }

    @Override
    public List<Manifest.Input> inputs() throws IOException {
      EmbeddingSource f = EmbeddingSource.of(embeddings());
      return List.of(
          new Manifest.Input(
              REFERENCE_EMBEDDINGS,
              f.file().toString(),
              f.sha256(),
              // Checked equal to this dataset's when declared; a NumPy file declares none.
              Optional.ofNullable(f.attributes().get(EmbeddingsHeader.INDEX_SHA256)),
              Optional.empty()));
    }

    @Override
    public BatchSelector create(SelectorContext context) {
      return new SalnSelector(
          context.batchSize(), filterRatio.value(), context.referenceFeatures(embeddings()));
    }

    private Path embeddings() {
      return referenceEmbeddings.orElseThrow(
          () ->
              new TrainingException(
                  "--selector saln needs --reference-embeddings FILE (winnow embed output for"
                      + " this dataset)"));
    }
  }

  private final int batchSize;
  private final double filterRatio;
  private final float[][] features;
  private final ExecutorService pool =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("winnow-saln").factory());
  private final List<Future<int[]>> planned = new ArrayList<>();
  private int plannedEpoch = -1;

  /**
   * @param features the reference feature of each training row
   */
  SalnSelector(int batchSize, double filterRatio, float[][] features) {
    this.batchSize = batchSize;
    this.filterRatio = filterRatio;
    this.features = features;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public double filterRatio() {
    return filterRatio;
  }

  @Override
  public void plan(int epoch, List<int[]> steps) {
    planned.forEach(f -> f.cancel(true));
    planned.clear();
    plannedEpoch = epoch;
    for (int[] rows : steps) {
      planned.add(pool.submit(() -> choose(rows)));
    }
  }

  @Override
  public int[] select(int epoch, int step, int[] candidates, LearnerLoss learner) {
    if (epoch != plannedEpoch) {
      return choose(candidates);
    }
    try {
      return planned.get(step).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainingException("interrupted while waiting for SALN's selection", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new TrainingException("SALN selection failed: " + e.getCause(), e.getCause());
    }
  }

  private int[] choose(int[] rows) {
    float[][] batch = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      batch[i] = features[rows[i]];
    }
    int[] kept = FiedlerScorer.select(batch, filterRatio);
    int[] out = new int[kept.length];
    for (int i = 0; i < kept.length; i++) {
      out[i] = rows[kept[i]];
    }
    Arrays.sort(out);
    return out;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
