package org.winnow.datasets.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

  @TempDir Path dir;

  @Test
  void writesSortedOptionsSeedAndInputs() {
    Manifest m =
        Manifest.of(
            "winnow prune",
            "0.1.0",
            Map.of("method", "random", "keep", "0.9"),
            OptionalLong.of(7),
            new Manifest.Input("embeddings", "e.h5", "ab", Optional.of("cd"), Optional.empty()));
    assertEquals(
        """
        {
          "tool": "winnow prune",
          "version": "0.1.0",
          "options": {
            "keep": "0.9",
            "method": "random"
          },
          "seed": 7,
          "inputs": [
            {
              "role": "embeddings",
              "path": "e.h5",
              "sha256": "ab",
              "index_sha256": "cd",
              "manifest": null
            }
          ]
        }
        """,
        m.toJson());
  }

  @Test
  void jsonEscapesAndRejectsMalformedNesting() {
    // The nesting checks of the former hand-written writer have no counterpart: a Gson tree cannot
    // hold a value without a name in an object, or an unclosed container.
    JsonArray array = new JsonArray();
    array.add("a\"b\\c\n\u0001");
    array.add(JsonFormat.number(Double.NaN));
    array.add(JsonFormat.number(0.5));
    array.add(new JsonObject());
    String s = JsonFormat.text(array);
    assertEquals("[\n  \"a\\\"b\\\\c\\n\\u0001\",\n  null,\n  0.5,\n  {}\n]\n", s);
  }

  @Test
  void readsBackWhatItWrites() {
    Manifest m =
        Manifest.of(
            "winnow train",
            "0.2",
            Map.of("a", "x", "b", ""),
            OptionalLong.empty(),
            new Manifest.Input("keep", "k.csv", "ef", Optional.empty(), Optional.of("{\n}\n")),
            new Manifest.Input("embeddings", "e.h5", "ab", Optional.of("cd"), Optional.empty()));
    Manifest back = Manifest.fromJsonObject(JsonParser.parseString(m.toJson()).getAsJsonObject());
    assertEquals(m, back);
    assertEquals(m.toJson(), back.toJson());
    assertThrows(
        RuntimeException.class,
        () -> Manifest.fromJsonObject(JsonParser.parseString("{\"tool\": 1}").getAsJsonObject()));
  }

  @Test
  void hashesFileBytes() throws IOException {
    Path f = dir.resolve("x.txt");
    Files.writeString(f, "abc", StandardCharsets.UTF_8);
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
  }
}
