package org.winnow.datasets.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the bytes of every JSON file Winnow writes: outputs are compared byte for byte across
 * versions, and {@link ManifestDiff} reads the format line by line.
 */
class JsonFormatTest {

  @TempDir Path dir;

  /** A document with every kind of value the writers use. */
  static JsonObject document() {
    JsonObject o = new JsonObject();
    o.addProperty("method", "semantic");
    o.add("fraction", JsonFormat.number(0.9));
    o.add("tiny", JsonFormat.number(1e-7));
    o.add("big", JsonFormat.number(12345678901.5));
    o.add("whole", JsonFormat.number(100));
    o.add("nan", JsonFormat.number(Double.NaN));
    o.add("inf", JsonFormat.number(Double.NEGATIVE_INFINITY));
    o.addProperty("n", 42);
    o.addProperty("long", 1L << 40);
    o.addProperty("flag", true);
    o.add("none", JsonNull.INSTANCE);
    o.add("absent", JsonFormat.string(Optional.empty()));
    o.add("present", JsonFormat.string(Optional.of("x")));
    o.addProperty("html", "<a href='x'>&=</a>");
    o.addProperty("text", "é ü 猫 \"q\" \\ tab\tnl\ncr\r\u0001");
    o.add("empty_object", new JsonObject());
    o.add("empty_array", new JsonArray());
    JsonArray nested = new JsonArray();
    nested.add(1);
    JsonObject inner = new JsonObject();
    inner.addProperty("k", "v");
    nested.add(inner);
    o.add("nested", nested);
    return o;
  }

  @Test
  void printsTheFixedPrettyFormat() {
    assertEquals(
        """
        {
          "method": "semantic",
          "fraction": 0.9,
          "tiny": 1.0E-7,
          "big": 1.23456789015E10,
          "whole": 100.0,
          "nan": null,
          "inf": null,
          "n": 42,
          "long": 1099511627776,
          "flag": true,
          "none": null,
          "absent": null,
          "present": "x",
          "html": "<a href='x'>&=</a>",
          "text": "é ü 猫 \\"q\\" \\\\ tab\\tnl\\ncr\\r\\u0001",
          "empty_object": {},
          "empty_array": [],
          "nested": [
            1,
            {
              "k": "v"
            }
          ]
        }
        """,
        JsonFormat.text(document()));
  }

  @Test
  void readsBackAsOptionalStrings() {
    JsonObject o = document();
    assertEquals(Optional.of("x"), JsonFormat.string(o, "present"));
    assertEquals(Optional.empty(), JsonFormat.string(o, "absent"));
    assertEquals(Optional.empty(), JsonFormat.string(o, "missing"));
  }

  /**
   * Python's {@code json.dumps(indent=2, ensure_ascii=False)} writes the same bytes for documents
   * without floats (Python prints {@code 1e-07} where Java prints {@code 1.0E-7}) and without
   * U+2028/U+2029 (which Gson escapes and Python does not).
   */
  @Test
  void matchesPythonsJsonModuleWithoutFloats() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: no /usr/bin/python3");
    JsonObject o = document();
    for (String k : new String[] {"fraction", "tiny", "big", "whole"}) {
      o.remove(k);
    }
    o.addProperty("controls", "\b\f\u001f\u007f");
    Path in = Files.writeString(dir.resolve("in.json"), JsonFormat.text(o), StandardCharsets.UTF_8);
    Path out = dir.resolve("out.json");
    String script =
        "import json, sys\n"
            + "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            + "open(sys.argv[2], 'w', encoding='utf-8', newline='')"
            + ".write(json.dumps(d, indent=2, ensure_ascii=False) + '\\n')\n";
    Process p =
        new ProcessBuilder(python.toString(), "-c", script, in.toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), log);
    assertEquals(Files.readString(out, StandardCharsets.UTF_8), JsonFormat.text(o));
  }

  @Test
  void gsonEscapesLineAndParagraphSeparators() throws IOException {
    JsonArray a = new JsonArray();
    a.add("\u2028\u2029");
    assertEquals("[\n  \"\\u2028\\u2029\"\n]\n", JsonFormat.text(a));
  }
}
