package org.winnow.datasets.manifest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where an output came from: the tool and its version, the options as given, the seed, and every
 * input file with its SHA-256. Outputs carry no timestamp or host name on purpose, so that the same
 * command on the same inputs writes the same bytes.
 *
 * @param tool the command that wrote the output, e.g. {@code winnow prune}
 * @param version the Winnow version
 * @param options every option that shapes the output, by name, as text (sorted by name)
 * @param seed the random seed, empty for deterministic methods
 * @param inputs the files the output was computed from
 */
public record Manifest(
    String tool,
    String version,
    SortedMap<String, String> options,
    OptionalLong seed,
    List<Input> inputs) {

  /** Validates the fields and copies the collections. */
  public Manifest {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(version, "version");
    options = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(options));
    Objects.requireNonNull(seed, "seed");
    inputs = List.copyOf(inputs);
  }

  /** A manifest whose options are taken from any map (sorted by name). */
  public static Manifest of(
      String tool, String version, Map<String, String> options, OptionalLong seed, Input... in) {
    return new Manifest(tool, version, new TreeMap<>(options), seed, List.of(in));
  }

  /**
   * One input file.
   *
   * @param role what the file is to this stage, e.g. {@code embeddings}
   * @param path the path as given
   * @param sha256 the lower-case hex SHA-256 of the file's bytes
   * @param indexSha256 the dataset index hash the file declares ({@link
   *     org.winnow.datasets.IndexHash}), empty if it declares none
   * @param manifest the input's own manifest as JSON text, empty if it has none
   */
  public record Input(
      String role,
      String path,
      String sha256,
      java.util.Optional<String> indexSha256,
      java.util.Optional<String> manifest) {

    /** Validates the fields. */
    public Input {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(indexSha256, "indexSha256");
      Objects.requireNonNull(manifest, "manifest");
    }
  }

  /** This manifest as a JSON object: {@code tool}, {@code version}, {@code options}, ... */
  public JsonObject toJsonObject() {
    JsonObject json = new JsonObject();
    json.addProperty("tool", tool);
    json.addProperty("version", version);
    JsonObject opts = new JsonObject();
    options.forEach(opts::addProperty);
    json.add("options", opts);
    json.add("seed", seed.isPresent() ? new JsonPrimitive(seed.getAsLong()) : JsonNull.INSTANCE);
    JsonArray in = new JsonArray();
    for (Input i : inputs) {
      JsonObject o = new JsonObject();
      o.addProperty("role", i.role());
      o.addProperty("path", i.path());
      o.addProperty("sha256", i.sha256());
      o.add("index_sha256", JsonFormat.string(i.indexSha256()));
      o.add("manifest", JsonFormat.string(i.manifest()));
      in.add(o);
    }
    json.add("inputs", in);
    return json;
  }

  /** This manifest as a JSON document ({@link JsonFormat}). */
  public String toJson() {
    return JsonFormat.text(toJsonObject());
  }

  /**
   * Reads a manifest back from what {@link #toJsonObject()} wrote.
   *
   * @throws RuntimeException (Gson's {@code IllegalStateException}, {@code ClassCastException},
   *     {@code NullPointerException}, ...) when a member is missing or of the wrong type
   */
  public static Manifest fromJsonObject(JsonObject m) {
    TreeMap<String, String> options = new TreeMap<>();
    for (var e : m.getAsJsonObject("options").entrySet()) {
      options.put(e.getKey(), e.getValue().getAsString());
    }
    List<Input> inputs = new ArrayList<>();
    for (JsonElement e : m.getAsJsonArray("inputs")) {
      JsonObject in = e.getAsJsonObject();
      inputs.add(
          new Input(
              in.get("role").getAsString(),
              in.get("path").getAsString(),
              in.get("sha256").getAsString(),
              JsonFormat.string(in, "index_sha256"),
              JsonFormat.string(in, "manifest")));
    }
    JsonElement seed = m.get("seed");
    return new Manifest(
        m.get("tool").getAsString(),
        m.get("version").getAsString(),
        options,
        seed == null || seed.isJsonNull()
            ? OptionalLong.empty()
            : OptionalLong.of(seed.getAsLong()),
        inputs);
  }
}
