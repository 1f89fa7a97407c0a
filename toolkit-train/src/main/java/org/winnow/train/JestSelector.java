package org.winnow.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.nets.Checkpoints;

/**
 * JEST's learnability selection (Evans, Parthasarathy, Merzic and Hénaff, <i>Data curation via
 * joint example selection further accelerates multimodal learning</i>, 2024), per sample: from a
 * super-batch of {@code S = round(B / (1 − filterRatio))} candidates, score each by
 *
 * <pre>learnability = learner loss (current model, forward only) − reference loss</pre>
 *
 * where the reference loss was computed once per sample by a fixed reference model, and pick {@code
 * B} in {@code chunks} chunks, each drawn without replacement with probability ∝
 * softmax(learnability) among the candidates not chosen yet. A draw of k without replacement ∝
 * softmax is the top k of learnability plus independent Gumbel noise (the Gumbel-top-k trick),
 * which is how each chunk is drawn. With per-sample scores the chunks do not change the
 * distribution of the final set; they are kept to follow the paper's procedure, whose joint scores
 * (not implemented) would be recomputed between chunks.
 *
 * <p>A last, smaller super-batch of {@code s} candidates trains on {@code floor(s · B / S)}.
 */
public final class JestSelector implements BatchSelector {

  /**
   * The options of {@code jest}.
   *
   * @param filterRatio sets the super-batch: {@code round(B / (1 − filterRatio))} candidates
   * @param chunks how many chunks the batch is drawn in, at least 1 and at most the batch size
   * @param referenceModel a run folder or checkpoint of the reference model; required when a run
   *     starts
   */
  public record Options(FilterRatio filterRatio, int chunks, Optional<Path> referenceModel)
      implements SelectorOptions {

    /** The manifest name of the number of chunks. */
    public static final String CHUNKS = "jest_chunks";

    /** The manifest name of the reference model. */
    public static final String REFERENCE_MODEL = "reference_model";

    /** The default number of chunks. */
    public static final int DEFAULT_CHUNKS = 16;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException naming {@code --jest-chunks}
     */
    public Options {
      Objects.requireNonNull(filterRatio, "filterRatio");
      Objects.requireNonNull(referenceModel, "referenceModel");
      if (chunks < 1) {
        throw new IllegalArgumentException("--jest-chunks must be at least 1");
      }
    }

    /** The options among selector options in text form. */
    static Options of(Map<String, String> settings) {
      return new Options(
          FilterRatio.of(settings),
          OptionText.integer(settings, CHUNKS, DEFAULT_CHUNKS),
          OptionText.path(settings, REFERENCE_MODEL));
    }

    @Override
    public SortedMap<String, String> describe() {
      TreeMap<String, String> m = new TreeMap<>();
      m.put(FilterRatio.KEY, filterRatio.text());
      m.put(CHUNKS, Integer.toString(chunks));
      m.put(REFERENCE_MODEL, OptionText.text(referenceModel));
      return m;
    }

    @Override
    public void checkBatchSize(int batchSize) {
      if (chunks > batchSize) {
        throw new IllegalArgumentException("--jest-chunks must be at most --batch-size");
      }
    }

    @Override
    public void requireInputs() {
      model();
    }

    @Override
    public List<Path> inputPaths() {
      return referenceModel.stream().toList();
    }

    @Override
    public List<Manifest.Input> inputs() throws IOException {
      Path dir = Checkpoints.resolve(model());
      Path json = dir.resolve(Checkpoints.METADATA_FILE);
      return List.of(
          new Manifest.Input(
              REFERENCE_MODEL,
              json.toString(),
              Sha256.of(json),
              Optional.of(Checkpoints.readInfo(dir).indexSha256()),
              Optional.empty()));
    }

    @Override
    public BatchSelector create(SelectorContext context) {
      return new JestSelector(
          context.batchSize(),
          filterRatio.value(),
          chunks,
          context.referenceLosses(model()),
          context.seed());
    }

    private Path model() {
      return referenceModel.orElseThrow(
          () ->
              new TrainingException(
                  "--selector jest needs --reference-model RUN_DIR|CKPT (a winnow train run or"
                      + " checkpoint)"));
    }
  }

  private final int batchSize;
  private final int superBatch;
  private final int chunks;
  private final float[] referenceLoss;
  private final long seed;

  /**
   * @param referenceLoss the reference model's loss on each training row
   */
  JestSelector(int batchSize, double filterRatio, int chunks, float[] referenceLoss, long seed) {
    this.batchSize = batchSize;
    this.superBatch = superBatch(batchSize, filterRatio);
    this.chunks = chunks;
    this.referenceLoss = referenceLoss;
    this.seed = seed;
  }

  /** The super-batch size for a batch of {@code b}. */
  static int superBatch(int b, double filterRatio) {
    return (int) Math.round(b / (1 - filterRatio));
  }

  @Override
  public int candidatesPerStep() {
    return superBatch;
  }

  @Override
  public int picks(int candidates) {
    return candidates == superBatch
        ? batchSize
        : (int) ((long) candidates * batchSize / superBatch);
  }

  @Override
  public int[] select(int epoch, int step, int[] candidates, LearnerLoss learner) {
    int k = picks(candidates.length);
    if (k == 0) {
      return new int[0];
    }
    float[] learnerLoss = learner.of(candidates);
    double[] learnability = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      learnability[i] = learnerLoss[i] - referenceLoss[candidates[i]];
    }
    int[] picked =
        pick(
            learnability,
            k,
            chunks,
            new SplittableRandom(Seeds.mix(seed, Seeds.SELECT, epoch, step)));
    int[] out = new int[k];
    for (int i = 0; i < k; i++) {
      out[i] = candidates[picked[i]];
    }
    Arrays.sort(out);
    return out;
  }

  /**
   * Positions of {@code k} of the scores, drawn in {@code chunks} chunks, each without replacement
   * ∝ softmax(score) among those not drawn yet; ascending.
   */
  static int[] pick(double[] score, int k, int chunks, SplittableRandom random) {
    int n = score.length;
    boolean[] taken = new boolean[n];
    int[] out = new int[k];
    int filled = 0;
    for (int c = 0; c < chunks && filled < k; c++) {
      int size = (k - filled) / (chunks - c);
      if (size == 0) {
        continue;
      }
      Integer[] order = new Integer[n];
      double[] key = new double[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
        double u = random.nextDouble();
        key[i] =
            taken[i]
                ? Double.NEGATIVE_INFINITY
                : score[i] - Math.log(-Math.log(u + Double.MIN_VALUE));
      }
      Arrays.sort(order, (a, b) -> Double.compare(key[b], key[a]));
      for (int i = 0; i < size; i++) {
        taken[order[i]] = true;
        out[filled++] = order[i];
      }
    }
    Arrays.sort(out);
    return out;
  }
}
