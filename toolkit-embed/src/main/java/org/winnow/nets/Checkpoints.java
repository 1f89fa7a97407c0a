package org.winnow.nets;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.manifest.Sha256;

/**
 * Saves and loads trained networks: the format {@code winnow train} writes and {@code winnow embed}
 * reads. A checkpoint is a folder holding two files:
 *
 * <pre>
 * checkpoint/
 *   checkpoint.json          format, version, architecture, input_channels, image_size,
 *                            class_names, index_sha256, normalization_mean,
 *                            normalization_std, parameters, parameters_sha256
 *   parameters-0000.params   DJL's Model.save output (the number is the model's "Epoch" property)
 * </pre>
 *
 * <p>A run folder keeps it in a sub-folder named {@value #RUN_SUBFOLDER}; {@link #resolve} accepts
 * the run folder, the checkpoint folder or either file in it. The folder is written under a hidden
 * temporary name and renamed into place, so a reader never sees a half-written checkpoint. The
 * parameter file's SHA-256 is checked before DJL reads it, and every parameter's shape is checked
 * against the architecture after, so a corrupt file or one from another network fails with one line
 * instead of loading silently wrong weights.
 */
public final class Checkpoints {

  /** The folder inside a run folder that holds its checkpoint. */
  public static final String RUN_SUBFOLDER = "checkpoint";

  /** The name of the JSON file in a checkpoint folder. */
  public static final String METADATA_FILE = CheckpointJson.FILE_NAME;

  private static final String PARAMETERS_PREFIX = "parameters";
  private static final Pattern PARAMETERS_FILE =
      Pattern.compile(Pattern.quote(PARAMETERS_PREFIX) + "-(\\d{4,})\\.params");

  private Checkpoints() {}

  /**
   * Writes {@code model} and {@code info} as the checkpoint folder {@code directory}, replacing any
   * checkpoint already there.
   *
   * @throws IllegalArgumentException if {@code info} describes a different network than {@code
   *     model} holds
   * @throws CheckpointException naming the folder when it cannot be written
   */
  public static void save(NetworkModel model, CheckpointInfo info, Path directory) {
    save(model, info, directory, folder -> {});
  }

  /** Writes more files into a checkpoint folder before it is renamed into place. */
  @FunctionalInterface
  public interface ExtraFiles {
    /** Writes files into {@code folder}, the checkpoint folder under its temporary name. */
    void write(Path folder) throws IOException;
  }

  /**
   * Like {@link #save(NetworkModel, CheckpointInfo, Path)}, with more files (e.g. a training run's
   * optimiser state) written into the folder first, so that they appear together with the
   * parameters or not at all.
   */
  public static void save(
      NetworkModel model, CheckpointInfo info, Path directory, ExtraFiles extras) {
    if (!info.spec().equals(model.network().spec())) {
      throw new IllegalArgumentException(
          "checkpoint info "
              + info.spec()
              + " does not describe the model's "
              + model.network().spec());
    }
    Path temp = null;
    try {
      temp = AtomicFiles.tempSibling(directory);
      model.model().save(temp, PARAMETERS_PREFIX);
      Path params = writtenParameterFile(temp);
      String json =
          new CheckpointJson(info, params.getFileName().toString(), Sha256.of(params)).toJson();
      Files.writeString(temp.resolve(METADATA_FILE), json, StandardCharsets.UTF_8);
      extras.write(temp);
      replace(temp, directory);
      temp = null;
    } catch (IOException e) {
      throw new CheckpointException(directory + ": cannot write checkpoint: " + e.getMessage(), e);
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
  }

  /**
   * The checkpoint folder that {@code path} names: a run folder (holding {@value #RUN_SUBFOLDER}/),
   * a checkpoint folder, or a file inside one.
   *
   * @throws CheckpointException when there is nothing at {@code path} or no checkpoint there
   */
  public static Path resolve(Path path) {
    if (!Files.exists(path)) {
      throw new CheckpointException(path + ": no such file or folder");
    }
    if (Files.isDirectory(path)) {
      if (Files.isRegularFile(path.resolve(METADATA_FILE))) {
        return path;
      }
      if (Files.isRegularFile(path.resolve(RUN_SUBFOLDER).resolve(METADATA_FILE))) {
        return path.resolve(RUN_SUBFOLDER);
      }
    } else {
      Path parent = path.toAbsolutePath().getParent();
      if (Files.isRegularFile(parent.resolve(METADATA_FILE))) {
        return parent;
      }
    }
    throw new CheckpointException(
        path
            + ": not a Winnow checkpoint (no "
            + METADATA_FILE
            + " or "
            + RUN_SUBFOLDER
            + "/"
            + METADATA_FILE
            + ")");
  }

  /** What the checkpoint at {@code path} records, without loading its parameters. */
  public static CheckpointInfo readInfo(Path path) {
    return CheckpointJson.read(resolve(path).resolve(METADATA_FILE)).info();
  }

  /**
   * Rebuilds the network the checkpoint at {@code path} records on {@code device} and loads its
   * parameters. The caller closes the result.
   *
   * @throws CheckpointException naming the file when the checkpoint is missing, its JSON is bad or
   *     names an unknown architecture, or its parameter file is missing, corrupt or does not fit
   */
  public static LoadedCheckpoint load(Path path, Device device) {
    OfflineDjl.apply();
    Path directory = resolve(path);
    CheckpointJson json = CheckpointJson.read(directory.resolve(METADATA_FILE));
    // the name is checked before it becomes a path: a damaged file may hold any text there
    Matcher m = PARAMETERS_FILE.matcher(json.parametersFile());
    if (!m.matches() || !directory.resolve(json.parametersFile()).getParent().equals(directory)) {
      throw new CheckpointException(
          directory.resolve(METADATA_FILE)
              + ": parameter file name '"
              + json.parametersFile()
              + "' is not "
              + PARAMETERS_PREFIX
              + "-NNNN.params");
    }
    Path params = directory.resolve(json.parametersFile());
    if (!Files.isRegularFile(params)) {
      throw new CheckpointException(params + ": parameter file is missing");
    }
    try {
      if (!Sha256.of(params).equals(json.parametersSha256())) {
        throw new CheckpointException(
            params + ": corrupt parameter file (its SHA-256 differs from " + METADATA_FILE + ")");
      }
    } catch (IOException e) {
      throw new CheckpointException(params + ": cannot read: " + e.getMessage(), e);
    }

    NetworkSpec spec = json.info().spec();
    Network network = Network.build(spec);
    Model model = Model.newInstance(spec.architecture().id(), device);
    try {
      model.setBlock(network.block());
      network.initializeForLoading(model.getNDManager());
      Map<String, Shape> expected = new LinkedHashMap<>();
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        expected.put(p.getKey(), p.getValue().getArray().getShape());
        p.getValue().close(); // the file replaces it; free the placeholder now
      }
      try {
        model.load(directory, PARAMETERS_PREFIX, Map.of("epoch", m.group(1)));
      } catch (IOException | MalformedModelException | EngineException | IllegalStateException e) {
        throw new CheckpointException(
            params
                + ": corrupt parameter file, or not one for "
                + describe(spec)
                + ": "
                + CheckpointJson.oneLine(e),
            e);
      }
      for (Pair<String, Parameter> p : network.block().getParameters()) {
        Shape want = expected.get(p.getKey());
        Parameter param = p.getValue();
        Shape got = param.isInitialized() ? param.getArray().getShape() : null;
        if (!want.equals(got)) {
          throw new CheckpointException(
              params
                  + ": parameter "
                  + p.getKey()
                  + " has shape "
                  + got
                  + " but "
                  + describe(spec)
                  + " needs "
                  + want);
        }
      }
      return new LoadedCheckpoint(directory, json.info(), new NetworkModel(network, model));
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private static String describe(NetworkSpec spec) {
    return spec.architecture().id()
        + " with "
        + spec.inputChannels()
        + " input channel(s) and "
        + spec.numClasses()
        + " classes";
  }

  /** The one parameter file {@link Model#save} just wrote into {@code folder}. */
  private static Path writtenParameterFile(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> params =
          files.filter(f -> PARAMETERS_FILE.matcher(f.getFileName().toString()).matches()).toList();
      if (params.size() != 1) {
        throw new IOException("expected one parameter file from Model.save, found " + params);
      }
      return params.getFirst();
    }
  }

  /**
   * Renames {@code temp} onto {@code target}. A folder cannot be renamed onto a non-empty one, so
   * an existing checkpoint is first moved aside and deleted after.
   */
  private static void replace(Path temp, Path target) throws IOException {
    if (!Files.exists(target)) {
      AtomicFiles.commit(temp, target);
      return;
    }
    Path old = AtomicFiles.tempSibling(target);
    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    AtomicFiles.commit(temp, target);
    AtomicFiles.deleteTree(old);
  }

  private static void deleteQuietly(Path path) {
    try {
      AtomicFiles.deleteTree(path);
    } catch (IOException ignored) {
      // best effort: a leftover hidden temp folder is harmless
    }
  }
}
