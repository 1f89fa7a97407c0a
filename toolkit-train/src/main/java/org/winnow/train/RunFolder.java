package org.winnow.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.nets.Checkpoints;

/**
 * The files of a run folder:
 *
 * <pre>
 * RUN_DIR/
 *   metrics.csv     one row per completed epoch (see {@link EpochMetrics})
 *   result.json     final and best test accuracy, wall time, samples trained, manifest
 *   train.log       one line per event, appended
 *   checkpoint/     the last completed epoch: the network (Checkpoints' format) plus
 *                   training-state.json and optimizer-state.ndlist, all renamed into place together
 * </pre>
 *
 * Every file but the log is written under a temporary name and renamed, so after a kill each is
 * complete or absent, and the checkpoint's training state always belongs to its parameters.
 */
final class RunFolder {

  static final String METRICS = "metrics.csv";
  static final String RESULT = "result.json";
  static final String LOG = "train.log";
  static final String STATE = "training-state.json";
  static final String OPTIMIZER = "optimizer-state.ndlist";

  /** A run folder Winnow wrote: it holds a training state or a result. */
  static final org.winnow.datasets.OutputGuard.Kind OUTPUT =
      org.winnow.datasets.OutputGuard.Kind.folderHolding("training run", STATE, RESULT);

  /**
   * What a checkpoint's training state records.
   *
   * @param completedEpochs epochs done
   * @param wallSeconds wall time spent so far
   * @param samplesSeen samples trained on so far
   * @param options the run's {@link TrainOptions#describe()}
   * @param metrics the metrics rows so far, as CSV lines
   */
  record State(
      int completedEpochs,
      double wallSeconds,
      long samplesSeen,
      SortedMap<String, String> options,
      List<String> metrics) {}

  private final Path dir;

  RunFolder(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path checkpoint() {
    return dir.resolve(Checkpoints.RUN_SUBFOLDER);
  }

  /** Whether the folder exists with anything in it. */
  static boolean inUse(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return false;
    }
    if (!Files.isDirectory(dir)) {
      return true;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isPresent();
    }
  }

  /** The training state of the last completed epoch, if a checkpoint holds one. */
  java.util.Optional<State> readState() {
    Path file = checkpoint().resolve(STATE);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    try {
      JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
      TreeMap<String, String> options = new TreeMap<>();
      for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("options").entrySet()) {
        options.put(e.getKey(), e.getValue().getAsString());
      }
      List<String> metrics = new ArrayList<>();
      o.getAsJsonArray("metrics").forEach(e -> metrics.add(e.getAsString()));
      return java.util.Optional.of(
          new State(
              o.get("completed_epochs").getAsInt(),
              o.get("wall_seconds").getAsDouble(),
              o.get("samples_seen").getAsLong(),
              options,
              metrics));
    } catch (IOException | RuntimeException e) {
      throw new TrainingException(file + ": cannot read training state: " + e.getMessage(), e);
    }
  }

  /** Writes the state into a checkpoint folder that is about to be renamed into place. */
  static void writeState(Path folder, State state, byte[] optimizer) throws IOException {
    JsonObject json = new JsonObject();
    json.addProperty("completed_epochs", state.completedEpochs());
    json.add("wall_seconds", JsonFormat.number(state.wallSeconds()));
    json.addProperty("samples_seen", state.samplesSeen());
    JsonObject options = new JsonObject();
    state.options().forEach(options::addProperty);
    json.add("options", options);
    JsonArray metrics = new JsonArray();
    state.metrics().forEach(metrics::add);
    json.add("metrics", metrics);
    Files.writeString(folder.resolve(STATE), JsonFormat.text(json), StandardCharsets.UTF_8);
    Files.write(folder.resolve(OPTIMIZER), optimizer);
  }

  /** Optimiser state of the checkpoint. */
  byte[] readOptimizer() {
    try {
      return Files.readAllBytes(checkpoint().resolve(OPTIMIZER));
    } catch (IOException e) {
      throw new TrainingException(
          checkpoint().resolve(OPTIMIZER) + ": cannot read optimizer state: " + e.getMessage(), e);
    }
  }

  /** Rewrites {@code metrics.csv} with these rows. */
  void writeMetrics(List<String> rows) throws IOException {
    StringBuilder sb = new StringBuilder(EpochMetrics.HEADER).append('\n');
    rows.forEach(r -> sb.append(r).append('\n'));
    writeAtomically(dir.resolve(METRICS), sb.toString());
  }

  /** Writes a text file under a temporary name, then renames it onto {@code target}. */
  static void writeAtomically(Path target, String text) throws IOException {
    Path temp = AtomicFiles.tempSibling(target);
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      AtomicFiles.commit(temp, target);
    } catch (IOException e) {
      throw WriteFailures.naming(target, e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Removes what a new run wrote before its first checkpoint: {@code metrics.csv} with only its
   * header, {@code train.log} with only the start, this process's temporary files, and the folder
   * when the run made it and nothing else is in it. A run with a checkpoint is left for {@code
   * --resume}. What cannot be removed is added to {@code failure} as suppressed, which stays the
   * error reported.
   *
   * @param existed whether the folder existed (empty) before the run
   */
  void discardUnstarted(boolean existed, Throwable failure) {
    if (Files.exists(checkpoint())) {
      return;
    }
    String ours = ".tmp-" + ProcessHandle.current().pid() + "-";
    try {
      Files.deleteIfExists(dir.resolve(METRICS));
      Files.deleteIfExists(dir.resolve(LOG));
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          for (Path p : s.filter(p -> p.getFileName().toString().contains(ours)).toList()) {
            AtomicFiles.deleteTree(p); // this run's half-written checkpoint or metrics
          }
        }
      }
      if (!existed && !inUse(dir)) {
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Appends one line to the log. */
  void log(String line) {
    try {
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(LOG),
          java.time.Instant.now() + " " + line + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new TrainingException(WriteFailures.describe(dir.resolve(LOG), e), e);
    }
  }
}
