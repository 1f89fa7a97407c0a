package org.winnow.spark.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.winnow.datasets.DatasetException;
import org.winnow.embed.EmbeddingException;
import org.winnow.nets.CheckpointException;
import org.winnow.spark.WinnowSpark;

/**
 * The front door of {@code WinnowSpark embed}: parses the arguments, runs {@link SparkEmbedder} and
 * turns every failure into one line on stderr and an exit code: 2 for a bad option, 1 for bad data,
 * a missing model or a failed write.
 */
public final class SparkEmbed {

  private static final String PREFIX = "winnow spark embed: ";

  private SparkEmbed() {}

  /**
   * Runs {@code embed} with the arguments that follow it, printing to {@code System.out} and {@code
   * System.err}.
   *
   * @return the exit code: 0 done, 1 bad data or model, 2 bad option
   */
  public static int run(SparkSession spark, String[] args) {
    return run(spark, args, System.out, System.err);
  }

  /**
   * Checks the options before a Spark session starts, as every Winnow command does before any work.
   *
   * @return empty when the job should run, else the exit code: 0 after {@code --help} (the usage
   *     printed), 2 for a bad option (one line on {@code err})
   */
  public static OptionalInt check(String[] args, PrintStream out, PrintStream err) {
    try {
      if (SparkEmbedOptions.parse(args).isEmpty()) {
        out.print(SparkEmbedOptions.USAGE);
        return OptionalInt.of(0);
      }
      return OptionalInt.empty();
    } catch (IllegalArgumentException e) {
      err.println(PREFIX + e.getMessage() + " (WinnowSpark embed --help lists the options)");
      return OptionalInt.of(2);
    }
  }

  /**
   * Runs {@code embed} in a session.
   *
   * @return the exit code: 0 done, 1 bad data or model, 2 bad option
   */
  public static int run(SparkSession spark, String[] args, PrintStream out, PrintStream err) {
    OptionalInt early = check(args, out, err);
    if (early.isPresent()) {
      return early.getAsInt();
    }
    Optional<SparkEmbedOptions> options = SparkEmbedOptions.parse(args);
    try {
      SparkEmbedder.Result r = SparkEmbedder.embed(spark, options.get(), WinnowSpark.version());
      out.printf(
          Locale.ROOT,
          "Embedded %,d rows x %d in %d part%s (%d resumed) -> %s%n",
          r.rows(),
          r.dimension(),
          r.partCount(),
          r.partCount() == 1 ? "" : "s",
          r.resumedParts(),
          r.parts());
      out.printf(Locale.ROOT, "Model    %s%n", r.model());
      out.printf(Locale.ROOT, "Device   %s%n", r.devices());
      return 0;
    } catch (Exception e) { // Spark's SparkException is checked but undeclared
      err.println(PREFIX + "error: " + message(e));
      return 1;
    }
  }

  private static final Pattern WINNOW_CAUSE =
      Pattern.compile("org\\.winnow\\.[\\w.]+(?:Exception): (.+)");

  /**
   * The one line a failure is reported with: the message of the Winnow exception behind it (Spark
   * wraps a task's exception, or only its text, in its own), else the first line of its own.
   */
  static String message(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DatasetException
          || t instanceof EmbeddingException
          || t instanceof CheckpointException
          || t instanceof java.io.UncheckedIOException
          || t instanceof IOException) {
        return oneLine(t.getMessage());
      }
    }
    String text = String.valueOf(e.getMessage());
    Matcher m = WINNOW_CAUSE.matcher(text);
    if (m.find()) {
      return oneLine(m.group(1));
    }
    return e.getClass().getSimpleName() + ": " + oneLine(text);
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().lines().findFirst().orElse("");
  }
}
