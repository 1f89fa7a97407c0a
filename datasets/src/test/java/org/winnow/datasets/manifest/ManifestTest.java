package org.winnow.datasets.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    String s =
        new JsonWriter()
            .beginArray()
            .value("a\"b\\c\n\u0001")
            .value(Double.NaN)
            .value(0.5)
            .beginObject()
            .endObject()
            .endArray()
            .toString();
    assertEquals("[\n  \"a\\\"b\\\\c\\n\\u0001\",\n  null,\n  0.5,\n  {}\n]\n", s);
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
    assertThrows(
        IllegalStateException.class, () -> new JsonWriter().beginArray().endObject().toString());
  }

  @Test
  void hashesFileBytes() throws IOException {
    Path f = dir.resolve("x.txt");
    Files.writeString(f, "abc", StandardCharsets.UTF_8);
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.of(f));
  }
}
