package org.winnow.nets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.synthetic.Corruptions;

/**
 * A checkpoint's {@code checkpoint.json}, fed a few hundred seeded corruptions, is read or refused
 * with one {@link CheckpointException} line, before any engine is involved; a wrong type in any
 * field is refused the same way.
 */
class CheckpointJsonFuzzTest {

  @TempDir Path dir;

  @Test
  void damagedCheckpointJsonIsOneLine() throws IOException {
    CheckpointInfo info =
        new CheckpointInfo(
            new NetworkSpec(Architecture.values()[0], 1, 28, 3),
            List.of("a", "b", "c"),
            "ab".repeat(32),
            Normalization.half(1));
    String valid = new CheckpointJson(info, "model-0002.params", "cd".repeat(32)).toJson();
    Path file = dir.resolve(CheckpointJson.FILE_NAME);
    Corruptions.Outcome o =
        Corruptions.check(
            file,
            valid.getBytes(StandardCharsets.UTF_8),
            300,
            71,
            CheckpointException.class,
            CheckpointJson::read);
    assertEquals(List.of(), o.escaped());
    int refused = o.refused();
    // every field replaced by a value of each other JSON type
    for (String key :
        List.of(
            "format",
            "version",
            "architecture",
            "input_channels",
            "image_size",
            "class_names",
            "index_sha256",
            "normalization_mean",
            "normalization_std",
            "parameters",
            "parameters_sha256")) {
      for (String value : List.of("null", "true", "-1", "1e40", "\"x\"", "[]", "[{}]", "{}")) {
        String text =
            valid.replaceFirst("(\"" + key + "\": )([^\\n]*?)(,?\\n)", "$1" + value + "$3");
        if (key.startsWith("normalization") || key.equals("class_names")) {
          text = valid.replaceFirst("(\"" + key + "\": )\\[[^\\]]*\\]", "$1" + value);
        }
        Files.writeString(file, text);
        refused += readsOrRefuses(file, key + " = " + value);
      }
    }
    assertTrue(refused > 300, "refused " + refused);
  }

  private static int readsOrRefuses(Path file, String what) {
    try {
      CheckpointJson.read(file);
      return 0;
    } catch (CheckpointException e) {
      assertTrue(!e.getMessage().contains("\n"), what + ": " + e.getMessage());
      return 1;
    } catch (RuntimeException e) {
      fail(what + ": " + e, e);
      return 0;
    }
  }
}
