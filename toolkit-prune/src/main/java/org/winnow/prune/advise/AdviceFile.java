package org.winnow.prune.advise;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.JsonFormat;

/**
 * A {@code winnow advise} output folder read back, for {@code winnow report}'s advice section: what
 * {@link Advice} wrote into {@code advice.json}, and its plot {@code probe.svg}.
 *
 * @param folder the folder
 * @param method the recommended method
 * @param fraction the recommended fraction
 * @param text the recommendation in one sentence
 * @param rule how it was chosen
 * @param test what the probe was scored on
 * @param tolerance the overall tolerance
 * @param classTolerance the per-class tolerance
 * @param methods each method's recommendation
 * @param curveFolder the {@code winnow curve} folder advise compared with, if any
 * @param svg the plot, one SVG document to inline
 */
public record AdviceFile(
    Path folder,
    String method,
    double fraction,
    String text,
    String rule,
    String test,
    double tolerance,
    double classTolerance,
    List<Recommendation> methods,
    Optional<Path> curveFolder,
    String svg) {

  /** The answer's file name. */
  public static final String JSON = "advice.json";

  /** The plot's file name. */
  public static final String SVG = "probe.svg";

  /** Copies the list. */
  public AdviceFile {
    methods = List.copyOf(methods);
  }

  /**
   * Reads a folder.
   *
   * @throws DatasetException with one line naming the file when it is missing or not what {@code
   *     winnow advise} writes
   */
  public static AdviceFile read(Path folder) throws IOException {
    Path file = folder.resolve(JSON);
    Path plot = folder.resolve(SVG);
    String json = text(file, "winnow advise output folder");
    String svg = text(plot, "winnow advise output folder");
    if (!svg.startsWith("<svg")) {
      throw new DatasetException(plot + ": not an SVG plot written by winnow advise");
    }
    try {
      JsonObject o = JsonParser.parseString(json).getAsJsonObject();
      JsonObject rec = o.getAsJsonObject("recommendation");
      JsonObject rule = o.getAsJsonObject("rule");
      List<Recommendation> methods = new ArrayList<>();
      for (JsonElement e : o.getAsJsonArray("methods")) {
        JsonObject m = e.getAsJsonObject();
        methods.add(
            new Recommendation(
                m.get("method").getAsString(),
                m.get("fraction").getAsDouble(),
                number(m, "full_accuracy"),
                number(m, "accuracy"),
                number(m, "std"),
                m.get("trials").getAsInt(),
                JsonFormat.string(m, "next_refused")));
      }
      Optional<Path> curve =
          o.has("retrained")
              ? Optional.of(Path.of(o.getAsJsonObject("retrained").get("folder").getAsString()))
              : Optional.empty();
      return new AdviceFile(
          folder,
          rec.get("method").getAsString(),
          rec.get("fraction").getAsDouble(),
          rec.get("text").getAsString(),
          rule.get("text").getAsString(),
          rule.get("test").getAsString(),
          rule.get("tolerance").getAsDouble(),
          rule.get("class_tolerance").getAsDouble(),
          methods,
          curve,
          svg);
    } catch (RuntimeException e) {
      throw new DatasetException(
          file + ": not an advice.json written by winnow advise (" + e.getMessage() + ")");
    }
  }

  /** A number that {@link JsonFormat#number} may have written as null (NaN). */
  private static double number(JsonObject o, String name) {
    JsonElement e = o.get(name);
    return e.isJsonNull() ? Double.NaN : e.getAsDouble();
  }

  private static String text(Path file, String what) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file + ": no such file; --advise needs a " + what, e);
    }
  }
}
