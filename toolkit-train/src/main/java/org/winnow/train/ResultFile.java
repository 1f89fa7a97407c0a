package org.winnow.train;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.winnow.datasets.manifest.FileHashes;
import org.winnow.datasets.manifest.JsonWriter;
import org.winnow.datasets.manifest.Manifest;

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
            o.data().path().toAbsolutePath().toString(),
            indexHash,
            Optional.of(indexHash),
            Optional.empty()));
    Optional<Path> keepFile = o.data().keep().flatMap(KeepIds::file);
    if (keepFile.isPresent()) {
      Path f = keepFile.get();
      inputs.add(
          new Manifest.Input(
              "keep", f.toString(), FileHashes.sha256(f), Optional.empty(), Optional.empty()));
    }
    inputs.addAll(o.selector().options().inputs(indexHash));
    Manifest manifest =
        new Manifest(
            "winnow train", o.run().version(), options, OptionalLong.of(o.run().seed()), inputs);
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
            .value(o.recipe().epochs())
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
            .value(o.run().device().toString())
            .name("manifest");
    manifest.writeTo(json);
    json.endObject();
    RunFolder.writeAtomically(run.dir().resolve(RunFolder.RESULT), json.toString());
  }
}
