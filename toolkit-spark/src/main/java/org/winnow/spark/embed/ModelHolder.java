package org.winnow.spark.embed;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.winnow.embed.EmbeddingException;
import org.winnow.embed.LoadedModel;

/**
 * The models of this JVM: one per job key, opened by the first task that needs it and kept for the
 * JVM's life, so that an executor loads its model once however many parts it embeds (and in local
 * mode the driver's model serves every task). Concurrent tasks share it ({@link LoadedModel} allows
 * concurrent passes).
 */
final class ModelHolder {

  private static final Map<String, LoadedModel> MODELS = new HashMap<>();

  private ModelHolder() {}

  /**
   * The model {@code job} names, opened on first use.
   *
   * @throws EmbeddingException when the model opened here is not the one the driver opened (a
   *     different file at the same path on this machine)
   */
  static synchronized LoadedModel get(EmbedJob job) {
    LoadedModel model = MODELS.get(job.holderKey());
    if (model == null) {
      model =
          LoadedModel.open(
              job.dataset(List.of(job.first())),
              job.samples(List.of(job.first())).getFirst(),
              job.inference());
      MODELS.put(job.holderKey(), model);
    }
    if (!job.modelKey().isEmpty() && !model.key().equals(job.modelKey())) {
      throw new EmbeddingException(
          job.model()
              + ": the model on this executor ("
              + model.key()
              + ") is not the one the driver opened ("
              + job.modelKey()
              + "); every machine must see the same model file");
    }
    return model;
  }

  /** How many models this JVM holds. */
  static synchronized int held() {
    return MODELS.size();
  }
}
