package org.winnow.train;

import ai.djl.engine.Engine;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.nets.Checkpoints;

/** Writes {@code result.json}: the run's outcome and its manifest. */
final class ResultFile {

  private ResultFile() {}

  static void write(
      RunFolder run,
      TrainOptions o,
      TrainResult r,
      String indexHash,
      TrainingSplits splits,
      int validationSize,
      int testSize,
      List<String> rows)
      throws IOException {
    TreeMap<String, String> options = new TreeMap<>(o.describe());
    options.put(
        "engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    List<Manifest.Input> inputs = new ArrayList<>();
    // A dataset is a folder, not a file: its index hash stands for its content.
    inputs.add(
        new Manifest.Input(
            "dataset",
            o.data().toAbsolutePath().toString(),
            indexHash,
            Optional.of(indexHash),
            Optional.empty()));
    if (o.keep().isPresent() && o.keep().get().file().isPresent()) {
      Path f = o.keep().get().file().get();
      inputs.add(
          new Manifest.Input(
              "keep", f.toString(), Sha256.of(f), Optional.empty(), Optional.empty()));
    }
    if (o.selector() == SelectorKind.SALN && o.referenceEmbeddings().isPresent()) {
      EmbeddingSource f = EmbeddingSource.of(o.referenceEmbeddings().get());
      inputs.add(
          new Manifest.Input(
              "reference_embeddings",
              f.file().toString(),
              f.sha256(),
              // Checked equal to this dataset's when declared; a NumPy file declares none.
              Optional.ofNullable(f.attributes().get(EmbeddingsHeader.INDEX_SHA256)),
              Optional.empty()));
    }
    if (o.selector() == SelectorKind.JEST && o.referenceModel().isPresent()) {
      Path dir = Checkpoints.resolve(o.referenceModel().get());
      Path json = dir.resolve(Checkpoints.METADATA_FILE);
      inputs.add(
          new Manifest.Input(
              "reference_model",
              json.toString(),
              Sha256.of(json),
              Optional.of(Checkpoints.readInfo(dir).indexSha256()),
              Optional.empty()));
    }
    Manifest manifest =
        new Manifest("winnow train", o.version(), options, OptionalLong.of(o.seed()), inputs);
    String[] last = rows.getLast().split(",", -1);
    JsonObject json = new JsonObject();
    json.add("final_test_accuracy", JsonFormat.number(r.finalTestAccuracy()));
    json.add("best_test_accuracy", JsonFormat.number(r.bestTestAccuracy()));
    json.add(
        "final_val_accuracy",
        JsonFormat.number(last[4].isEmpty() ? Double.NaN : Double.parseDouble(last[4])));
    json.add("wall_seconds", JsonFormat.number(r.wallSeconds()));
    json.addProperty("samples_trained", r.samplesTrained());
    json.addProperty("epochs", o.epochs());
    json.addProperty("train_size", r.trainSize());
    json.addProperty("keep_ids_in_validation", splits.keptButValidation());
    json.addProperty("validation_size", validationSize);
    json.addProperty("test_size", testSize);
    json.addProperty("engine", options.get("engine"));
    json.addProperty("device", o.device().toString());
    json.add("manifest", manifest.toJsonObject());
    RunFolder.writeAtomically(run.dir().resolve(RunFolder.RESULT), JsonFormat.text(json));
  }
}
