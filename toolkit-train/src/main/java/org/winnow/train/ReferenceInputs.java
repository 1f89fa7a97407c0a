package org.winnow.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsFile;
import org.winnow.embed.Inference;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.LoadedCheckpoint;
import org.winnow.nets.NetworkSpec;

/** Reads what the SALN and JEST selectors are given, and refuses inputs made for other data. */
final class ReferenceInputs {

  private static final int NAMED = 5;

  private ReferenceInputs() {}

  /**
   * The reference feature of each training sample, from an embeddings file of this dataset.
   *
   * @throws TrainingException when the file declares another dataset's index hash, none at all, or
   *     lacks training samples
   */
  static float[][] salnFeatures(Path file, String indexHash, List<Sample> train) {
    EmbeddingSet set = EmbeddingsFile.read(file);
    String declared =
        set.attribute(EmbeddingsFile.INDEX_HASH)
            .orElseThrow(
                () ->
                    new TrainingException(
                        file
                            + ": --reference-embeddings has no "
                            + EmbeddingsFile.INDEX_HASH
                            + " attribute, so it cannot be checked against the dataset"));
    if (!declared.equals(indexHash)) {
      throw new TrainingException(
          file
              + ": --reference-embeddings were computed for another dataset (index hash "
              + declared
              + ", this dataset "
              + indexHash
              + ")");
    }
    Map<String, Integer> row = new HashMap<>();
    for (int i = 0; i < set.size(); i++) {
      row.put(set.ids().get(i), i);
    }
    float[][] out = new float[train.size()][];
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      Integer r = row.get(train.get(i).id());
      if (r == null) {
        missing.add(train.get(i).id());
      } else {
        out[i] = set.vectors()[r];
      }
    }
    if (!missing.isEmpty()) {
      throw new TrainingException(
          String.format(
              "%s: --reference-embeddings lack %,d training sample%s: %s%s",
              file,
              missing.size(),
              missing.size() == 1 ? "" : "s",
              String.join(", ", missing.subList(0, Math.min(NAMED, missing.size()))),
              missing.size() > NAMED ? ", ..." : ""));
    }
    return out;
  }

  /**
   * The reference model's cross-entropy on each training image (not augmented), computed once in
   * one {@link Inference} pass of its log-probabilities.
   *
   * @throws TrainingException when the reference model's classes, channels, input size or
   *     normalisation differ from the run's
   */
  static float[] jestReferenceLosses(
      Path reference, Device device, CheckpointInfo run, ImageSource train) {
    try (LoadedCheckpoint loaded = Checkpoints.load(reference, device)) {
      CheckpointInfo ref = loaded.info();
      NetworkSpec a = ref.spec();
      NetworkSpec b = run.spec();
      if (!ref.classNames().equals(run.classNames())
          || a.inputChannels() != b.inputChannels()
          || a.imageSize() != b.imageSize()
          || !ref.normalization().equals(run.normalization())) {
        throw new TrainingException(
            reference
                + ": --reference-model does not fit this dataset (it takes "
                + a.inputChannels()
                + "x"
                + a.imageSize()
                + "x"
                + a.imageSize()
                + " inputs with "
                + ref.normalization()
                + " and "
                + ref.classNames().size()
                + " classes; the run needs "
                + b.inputChannels()
                + "x"
                + b.imageSize()
                + "x"
                + b.imageSize()
                + " with "
                + run.normalization()
                + " and the classes "
                + run.classNames()
                + ")");
      }
      // Cross-entropy is minus the log-probability of the label: the very float the log-softmax
      // gives, as logSoftmax · oneHot summed over the classes is that entry plus zeros.
      float[] losses = new float[train.count()];
      try (ImageSourceBatches batches = new ImageSourceBatches(train)) {
        Inference.run(
            loaded.model(),
            batches,
            EnumSet.of(Inference.Output.LOG_PROBABILITIES),
            rows -> {
              float[][] logP = rows.get(Inference.Output.LOG_PROBABILITIES);
              for (int i = 0; i < rows.count(); i++) {
                int row = rows.first() + i;
                losses[row] = -logP[i][batches.label(row)];
              }
            });
      }
      return losses;
    }
  }
}
