package org.winnow.prune;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * SALN as an offline pruning method (Sharifi, <i>Optimizing Data Curation through Spectral Analysis
 * and Joint Batch Selection (SALN)</i>, 2024, sections 3.5-3.6): the samples are cut into batches
 * and each batch keeps the samples its {@link FiedlerScorer} scores highest, so that the kept share
 * is the keep fraction ({@code keep = 1 - filter_ratio}).
 *
 * <p>Two choices make it obey the {@link Selector} contract, where SALN during training scores
 * mixed-class batches:
 *
 * <ul>
 *   <li><b>Batches are drawn within each class</b> (after a seeded shuffle of the class, or in file
 *       order with {@link Options#shuffle()} off), and the class's count {@code max(1, round(f ·
 *       n_c))} is shared among its batches in proportion to their sizes. Every class then keeps
 *       exactly as many samples as under {@code semantic} and {@code random}.
 *   <li><b>A last batch smaller than half the batch size joins the one before it</b>, so no Fiedler
 *       vector is computed on a handful of points; a class smaller than one batch is one batch.
 * </ul>
 *
 * <p>The Fiedler vector does not depend on the fraction, so each batch is scored once for all
 * fractions.
 *
 * @param options the options
 */
public record SpectralSelector(Options options) implements Selector {

  /** {@code --batch-size}: see {@link Options#batchSize()}. */
  public static final MethodOption BATCH_SIZE =
      new MethodOption("--batch-size", "N", "256", "samples per batch.");

  /** {@code --no-shuffle}: see {@link Options#shuffle()}. */
  public static final MethodOption NO_SHUFFLE =
      MethodOption.flag(
          "--no-shuffle", "batch each class in file order instead of a seeded shuffle.");

  /** The method as the registry lists it ({@link SelectionMethods}). */
  public static final SelectionMethod METHOD =
      new SelectionMethod(
          "saln",
          "SALN's Fiedler-vector scoring of batches within each class",
          "SALN's spectral selection: within each class, batches were scored by the entries of the"
              + " Fiedler vector of their cosine-similarity graph, keeping the largest. For the"
              + " gallery each removed sample is grouped with the kept sample most similar to it.",
          List.of(BATCH_SIZE, NO_SHUFFLE),
          (values, seed) -> new SpectralSelector(Options.from(values, seed)));

  /**
   * Options.
   *
   * @param batchSize samples per batch, at least 2
   * @param shuffle whether each class is shuffled (seeded) before batching
   * @param seed the shuffle's seed
   */
  public record Options(int batchSize, boolean shuffle, long seed) {

    /** Validates the options. */
    public Options {
      if (batchSize < 2) {
        throw BATCH_SIZE.invalid("must be at least 2, got " + batchSize);
      }
    }

    /** The values of the method's command-line options, with the shuffle's seed. */
    public static Options from(OptionValues values, long seed) {
      return new Options(values.integer(BATCH_SIZE), !values.flag(NO_SHUFFLE), seed);
    }
  }

  /** Validates the options. */
  public SpectralSelector {
    java.util.Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return METHOD.name();
  }

  @Override
  public SortedMap<String, String> settings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("batch_size", Integer.toString(options.batchSize()));
    m.put("shuffle", Boolean.toString(options.shuffle()));
    return m;
  }

  @Override
  public OptionalLong randomSeed() {
    return options.shuffle() ? OptionalLong.of(options.seed()) : OptionalLong.empty();
  }

  @Override
  public List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
    return PerClass.select(
        name(),
        data,
        fractions,
        PerClass.threads(0),
        c -> 0,
        Long.MAX_VALUE,
        "score",
        progress,
        checkpoint,
        (label, rows, out) -> selectClass(data, label, rows, fractions, out));
  }

  /** Batch boundaries for {@code n} samples: start offsets, with {@code n} appended. */
  static int[] batchBounds(int n, int batchSize) {
    int batches = Math.max(1, n / batchSize);
    if (n % batchSize >= (batchSize + 1) / 2 && n > batchSize) {
      batches++;
    }
    int[] bounds = new int[batches + 1];
    for (int b = 0; b < batches; b++) {
      bounds[b] = b * batchSize;
    }
    bounds[batches] = n;
    return bounds;
  }

  private void selectClass(
      EmbeddingSet data, int label, int[] rows, List<Double> fractions, List<Groups> out) {
    int n = rows.length;
    if (n == 0) {
      return;
    }
    double[][] unit = Cosine.unitRows(data.vectors(), rows);
    int[] order =
        options.shuffle()
            ? RandomSelector.permutation(n, RandomSelector.classSeed(options.seed(), label))
            : SemanticSelector.identity(n);
    int[] bounds = batchBounds(n, options.batchSize());
    int batches = bounds.length - 1;
    int[] sizes = new int[batches];
    int[][] ranked = new int[batches][];
    for (int b = 0; b < batches; b++) {
      sizes[b] = bounds[b + 1] - bounds[b];
      double[][] batch = new double[sizes[b]][];
      for (int i = 0; i < sizes[b]; i++) {
        batch[i] = unit[order[bounds[b] + i]];
      }
      ranked[b] = FiedlerScorer.ranking(FiedlerScorer.score(batch).score());
    }
    for (int f = 0; f < fractions.size(); f++) {
      int[] share = ClassQuota.distribute(ClassQuota.keep(n, fractions.get(f)), sizes, false);
      int[] kept = new int[Arrays.stream(share).sum()];
      int next = 0;
      for (int b = 0; b < batches; b++) {
        for (int r = 0; r < share[b]; r++) {
          kept[next++] = order[bounds[b] + ranked[b][r]];
        }
      }
      Arrays.sort(kept);
      out.get(f).nearestKept(rows, unit, kept);
    }
  }
}
