package org.winnow.datasets.manifest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.Optional;

/**
 * How Winnow writes JSON. Every JSON file it writes ({@code summary.json}, {@code manifest.json},
 * {@code result.json}, a checkpoint's {@code checkpoint.json} and training state) is a Gson tree
 * printed by {@link #text}: two-space indent, one member per line, {@code "name": value}, empty
 * objects and arrays as {@code {}} and {@code []}, nulls kept, no HTML escaping, numbers as Java
 * prints them ({@link Double#toString}: {@code 0.5}, {@code 1.0E-7}), and a final newline. The
 * format is fixed because outputs are compared byte for byte and {@link ManifestDiff} reads it line
 * by line. Strings escape the quote, the backslash and control characters (newline, tab, carriage
 * return, backspace and form feed by letter, the rest as a lower-case hex escape of four digits);
 * Gson also escapes the line and paragraph separators U+2028 and U+2029.
 */
public final class JsonFormat {

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create();

  private JsonFormat() {}

  /** The document, ending with a newline. */
  public static String text(JsonElement json) {
    return GSON.toJson(json) + "\n";
  }

  /** A number; NaN and infinities, which JSON cannot hold, become {@code null}. */
  public static JsonElement number(double value) {
    return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
  }

  /** A string, or {@code null} when it is empty. */
  public static JsonElement string(Optional<String> value) {
    return value.<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE);
  }

  /** A member's text, empty when it is absent or {@code null}. */
  public static Optional<String> string(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e == null || e.isJsonNull() ? Optional.empty() : Optional.of(e.getAsString());
  }
}
