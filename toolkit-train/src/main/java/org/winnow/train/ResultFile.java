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
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/** Writes {@code result.json}: the run's outcome and its manifest. */
final class ResultFile {

  private ResultFile() {}

  static void write(
      RunFolder run,
      TrainOptions o,
      java.util.SortedMap<String, String> described,
      TrainResult r,
      String indexHash,
      TrainingSplits splits,
      int validationSize,
      int testSize,
      List<String> rows)
      throws IOException {
    TreeMap<String, String> options = new TreeMap<>(described);
    options.put(
        "engine", Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion());
    List<Manifest.Input> inputs = new ArrayList<>();
    // A dataset is a folder, not a file: its index hash stands for its content.
    inputs.add(
        new Manifest.Input(
            "dataset",
            o.data().path().toAbsolutePath().toString(),
            indexHash,
            Optional.of(indexHash),
            Optional.empty()));
    Optional<Path> keepFile = o.data().keep().flatMap(KeepIds::file);
    if (keepFile.isPresent()) {
      Path f = keepFile.get();
      inputs.add(
          new Manifest.Input(
              "keep", f.toString(), Sha256.of(f), Optional.empty(), Optional.empty()));
    }
    inputs.addAll(o.selector().options().inputs());
    Manifest manifest =
        new Manifest(
            "winnow train", o.run().version(), options, OptionalLong.of(o.run().seed()), inputs);
    String[] last = rows.getLast().split(",", -1);
    JsonObject json = new JsonObject();
    json.add("final_test_accuracy", JsonFormat.number(r.finalTestAccuracy()));
    json.add("best_test_accuracy", JsonFormat.number(r.bestTestAccuracy()));
    json.add(
        "final_val_accuracy",
        JsonFormat.number(last[4].isEmpty() ? Double.NaN : Double.parseDouble(last[4])));
    json.add("wall_seconds", JsonFormat.number(r.wallSeconds()));
    json.addProperty("samples_trained", r.samplesTrained());
    json.addProperty("epochs", o.recipe().epochs());
    json.addProperty("train_size", r.trainSize());
    json.addProperty("keep_ids_in_validation", splits.keptButValidation());
    json.addProperty("validation_size", validationSize);
    json.addProperty("test_size", testSize);
    json.addProperty("engine", options.get("engine"));
    json.addProperty("device", o.run().device().toString());
    json.add("manifest", manifest.toJsonObject());
    RunFolder.writeAtomically(run.dir().resolve(RunFolder.RESULT), JsonFormat.text(json));
  }
}
