package org.winnow.datasets.manifest;

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

  /** Writes this manifest as the value of the writer's current position. */
  public JsonWriter writeTo(JsonWriter json) {
    json.beginObject().name("tool").value(tool).name("version").value(version);
    json.name("options").beginObject();
    options.forEach((k, v) -> json.name(k).value(v));
    json.endObject();
    json.name("seed");
    if (seed.isPresent()) {
      json.value(seed.getAsLong());
    } else {
      json.value((String) null);
    }
    json.name("inputs").beginArray();
    for (Input in : inputs) {
      json.beginObject()
          .name("role")
          .value(in.role())
          .name("path")
          .value(in.path())
          .name("sha256")
          .value(in.sha256())
          .name("index_sha256")
          .value(in.indexSha256().orElse(null))
          .name("manifest")
          .value(in.manifest().orElse(null))
          .endObject();
    }
    return json.endArray().endObject();
  }

  /** This manifest as a JSON document. */
  public String toJson() {
    return writeTo(new JsonWriter()).toString();
  }
}
