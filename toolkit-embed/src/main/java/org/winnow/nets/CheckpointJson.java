package org.winnow.nets;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.winnow.datasets.manifest.JsonFormat;

/**
 * The {@code checkpoint.json} of a checkpoint folder: the {@link CheckpointInfo}, the name of the
 * DJL parameter file beside it and that file's SHA-256, which is how a corrupt or swapped parameter
 * file is caught before DJL reads it.
 */
record CheckpointJson(CheckpointInfo info, String parametersFile, String parametersSha256) {

  static final String FILE_NAME = "checkpoint.json";
  static final String FORMAT = "winnow-checkpoint";
  static final int VERSION = 1;

  /** The JSON text, keys in a fixed order. */
  String toJson() {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("version", VERSION);
    o.addProperty("architecture", info.spec().architecture().id());
    o.addProperty("input_channels", info.spec().inputChannels());
    o.addProperty("image_size", info.spec().imageSize());
    JsonArray classes = new JsonArray();
    info.classNames().forEach(classes::add);
    o.add("class_names", classes);
    o.addProperty("index_sha256", info.indexSha256());
    o.add("normalization_mean", floats(info.normalization().mean()));
    o.add("normalization_std", floats(info.normalization().std()));
    o.addProperty("parameters", parametersFile);
    o.addProperty("parameters_sha256", parametersSha256);
    return JsonFormat.text(o);
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws CheckpointException naming the file when it is missing, unreadable, not JSON, not a
   *     Winnow checkpoint of a known version, or records an unknown architecture or impossible spec
   */
  static CheckpointJson read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new CheckpointException(file + ": checkpoint file is missing", e);
    } catch (IOException e) {
      throw new CheckpointException(file + ": cannot read checkpoint file: " + e.getMessage(), e);
    }
    JsonObject o;
    try {
      JsonElement root = JsonParser.parseString(text);
      if (!root.isJsonObject()) {
        throw new CheckpointException(file + ": not a Winnow checkpoint (no JSON object)");
      }
      o = root.getAsJsonObject();
    } catch (JsonParseException e) {
      throw new CheckpointException(file + ": not valid JSON: " + oneLine(e), e);
    }
    JsonElement format = o.get("format");
    if (format == null || !format.isJsonPrimitive() || !FORMAT.equals(format.getAsString())) {
      throw new CheckpointException(
          file + ": not a Winnow checkpoint (format is not " + FORMAT + ")");
    }
    int version = integer(file, o, "version");
    if (version != VERSION) {
      throw new CheckpointException(
          file
              + ": checkpoint version "
              + version
              + " is not supported (this Winnow reads "
              + VERSION
              + ")");
    }
    try {
      Architecture arch = Architecture.fromId(string(file, o, "architecture"));
      List<String> classes = new ArrayList<>();
      for (JsonElement e : array(file, o, "class_names")) {
        classes.add(e.getAsString());
      }
      NetworkSpec spec =
          new NetworkSpec(
              arch,
              integer(file, o, "input_channels"),
              integer(file, o, "image_size"),
              classes.size());
      // Written since normalisation was recorded; older checkpoints used the fixed 0.5 / 0.5.
      Normalization norm =
          o.has("normalization_mean")
              ? new Normalization(
                  floatArray(file, o, "normalization_mean"),
                  floatArray(file, o, "normalization_std"))
              : Normalization.half(spec.inputChannels());
      return new CheckpointJson(
          new CheckpointInfo(spec, classes, string(file, o, "index_sha256"), norm),
          string(file, o, "parameters"),
          string(file, o, "parameters_sha256"));
    } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
      throw new CheckpointException(file + ": " + oneLine(e), e);
    }
  }

  private static JsonElement field(Path file, JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new CheckpointException(file + ": '" + key + "' is missing");
    }
    return e;
  }

  private static String string(Path file, JsonObject o, String key) {
    JsonElement e = field(file, o, key);
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw new CheckpointException(file + ": '" + key + "' is not a string");
    }
    return e.getAsString();
  }

  private static int integer(Path file, JsonObject o, String key) {
    JsonElement e = field(file, o, key);
    try {
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
        return e.getAsBigDecimal().intValueExact();
      }
    } catch (ArithmeticException ignored) {
      // falls through to the error below
    }
    throw new CheckpointException(file + ": '" + key + "' is not an integer");
  }

  private static JsonArray array(Path file, JsonObject o, String key) {
    JsonElement e = field(file, o, key);
    if (!e.isJsonArray()) {
      throw new CheckpointException(file + ": '" + key + "' is not a list");
    }
    return e.getAsJsonArray();
  }

  private static JsonArray floats(float[] values) {
    JsonArray a = new JsonArray();
    for (float v : values) {
      a.add(v);
    }
    return a;
  }

  private static float[] floatArray(Path file, JsonObject o, String key) {
    JsonArray a = array(file, o, key);
    float[] out = new float[a.size()];
    for (int i = 0; i < out.length; i++) {
      JsonElement e = a.get(i);
      if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
        throw new CheckpointException(file + ": '" + key + "' holds a value that is not a number");
      }
      out[i] = e.getAsFloat();
    }
    return out;
  }

  /** The first line of an exception's message, for one-line errors. */
  static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
