package org.winnow.train;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.embed.Inference;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.LoadedCheckpoint;
import org.winnow.nets.NetworkSpec;

/** Reads what the SALN and JEST selectors are given, and refuses inputs made for other data. */
final class ReferenceInputs {

  private ReferenceInputs() {}

  /**
   * The reference feature of each training sample, from a file of embeddings of this dataset. A
   * file that declares a dataset index hash must declare this dataset's; one that declares none (a
   * NumPy file) is matched by sample id alone.
   *
   * @throws TrainingException when the file declares another dataset's index hash
   * @throws org.winnow.datasets.DatasetException when the file is unreadable or lacks a training
   *     sample's id
   */
  static float[][] salnFeatures(Path file, String indexHash, List<Sample> train) {
    EmbeddingSet set = EmbeddingSource.of(file).read();
    Optional<String> declared = set.attribute(EmbeddingsHeader.INDEX_SHA256);
    if (declared.isPresent() && !declared.get().equals(indexHash)) {
      throw new TrainingException(
          file
              + ": --reference-embeddings were computed for another dataset (index hash "
              + declared.get()
              + ", this dataset "
              + indexHash
              + ")");
    }
    int[] rows = set.rowsOf(train.stream().map(Sample::id).toList(), "training sample");
    float[][] out = new float[train.size()][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = set.vectors()[rows[i]];
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
