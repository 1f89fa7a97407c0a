package org.winnow.spark.prune;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.winnow.prune.MethodOption;
import org.winnow.prune.SelectionMethods;

/**
 * The command line of {@code WinnowSpark prune}: the options of {@code winnow prune} that apply
 * ({@code --embeddings}, {@code --method}, {@code --keep}, {@code --seed}, {@code --out}, {@code
 * --overwrite}) and every registered method's options ({@code --clusters}, {@code --prefer}, {@code
 * --epsilon}, ...), spelled as there.
 */
public final class PruneArguments {

  /** The usage lines. */
  public static final String USAGE =
      """
      Usage: WinnowSpark prune --embeddings PATH --method M (--keep F[,F...] | --epsilon E[,E...])
                                --out DIR [--seed S] [--overwrite] [method options]
        --embeddings PATH  Parquet file or folder (id, label, class_name, embedding array<float>)
                           or a winnow embed HDF5 file (.h5)
        --method M         semantic, random, prototype, semdedup, or a variant (prototype-easy)
        --keep F[,F...]    fraction(s) of each class to keep, in (0, 1]
        --seed S           seed of the methods that draw at random (default 2026)
        --out DIR          output folder: keep.csv, keep.parquet, manifest.json
        --overwrite        replace an earlier output of WinnowSpark prune
        method options     as winnow prune: --max-cluster-size N, --clusters K, --prefer P,
                           --epsilon E[,E...], --within-class""";

  private PruneArguments() {}

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException with one line naming the bad or missing option
   */
  public static SparkPrune.Request parse(List<String> args) {
    Map<String, MethodOption> methodOptions = new TreeMap<>();
    SelectionMethods.options().forEach(o -> methodOptions.put(o.name(), o));
    Map<String, String> given = new TreeMap<>();
    TreeMap<String, String> options = new TreeMap<>();
    boolean overwrite = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      MethodOption mo = methodOptions.get(name);
      boolean flag = name.equals("--overwrite") || mo != null && mo.isFlag();
      if (!flag && value == null) {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException("Missing value for option '" + name + "'");
        }
        value = args.get(++i);
      }
      switch (name) {
        case "--embeddings", "--method", "--keep", "--seed", "--out" -> {
          if (given.put(name, value) != null) {
            throw new IllegalArgumentException("option '" + name + "' given twice");
          }
        }
        case "--overwrite" -> overwrite = true;
        default -> {
          if (mo == null) {
            throw new IllegalArgumentException("Unknown option: '" + arg + "'");
          }
          options.put(name, flag ? "true" : value);
        }
      }
    }
    for (String required : List.of("--embeddings", "--method", "--out")) {
      if (!given.containsKey(required)) {
        throw new IllegalArgumentException("Missing required option: '" + required + "'");
      }
    }
    return new SparkPrune.Request(
        Path.of(given.get("--embeddings")),
        given.get("--method"),
        options,
        seed(given.getOrDefault("--seed", "2026")),
        fractions(given.get("--keep")),
        Path.of(given.get("--out")),
        overwrite);
  }

  private static long seed(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--seed: not a whole number: '" + text + "'");
    }
  }

  private static List<Double> fractions(String text) {
    List<Double> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String part : text.split(",", -1)) {
      try {
        out.add(Double.parseDouble(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--keep: fractions in (0, 1], comma-separated, got '" + text + "'");
      }
    }
    return out;
  }
}
