package org.winnow.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.winnow.datasets.manifest.JsonWriter;
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
      Path f = o.referenceEmbeddings().get();
      inputs.add(
          new Manifest.Input(
              "reference_embeddings",
              f.toString(),
              Sha256.of(f),
              Optional.of(indexHash),
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
    JsonWriter json =
        new JsonWriter()
            .beginObject()
            .name("final_test_accuracy")
            .value(r.finalTestAccuracy())
            .name("best_test_accuracy")
            .value(r.bestTestAccuracy())
            .name("final_val_accuracy")
            .value(last[4].isEmpty() ? Double.NaN : Double.parseDouble(last[4]))
            .name("wall_seconds")
            .value(r.wallSeconds())
            .name("samples_trained")
            .value(r.samplesTrained())
            .name("epochs")
            .value(o.epochs())
            .name("train_size")
            .value(r.trainSize())
            .name("keep_ids_in_validation")
            .value(splits.keptButValidation())
            .name("validation_size")
            .value(validationSize)
            .name("test_size")
            .value(testSize)
            .name("engine")
            .value(options.get("engine"))
            .name("device")
            .value(o.device().toString())
            .name("manifest");
    manifest.writeTo(json);
    json.endObject();
    RunFolder.writeAtomically(run.dir().resolve(RunFolder.RESULT), json.toString());
  }
}
