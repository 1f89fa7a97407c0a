package org.winnow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Properties;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.winnow.datasets.DatasetException;
import org.winnow.spark.embed.SparkEmbed;
import org.winnow.spark.prune.PruneArguments;
import org.winnow.spark.prune.SparkPrune;

/**
 * The {@code spark-submit} entry point: {@code WinnowSpark prune ...} (and {@code embed ...}), with
 * an optional {@code --master URL} for runs without {@code spark-submit} ({@code local[*]}).
 * Arguments are checked before Spark starts. Errors are one line on stderr, no stack trace: exit
 * code 2 for a bad option, 1 for bad data or a failed job.
 */
public final class WinnowSpark {

  private static final String USAGE =
      "Usage: WinnowSpark [--master URL] prune|embed [options] (--help after a command for its"
          + " options)";

  private WinnowSpark() {}

  /** Runs a command and exits with its code. */
  public static void main(String[] args) {
    quietSparkLogs();
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs a command.
   *
   * @return 0 on success, 2 for a bad option, 1 for bad data or a failed job
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    String master = take(rest, "--master");
    if (rest.isEmpty() || rest.getFirst().equals("--help")) {
      (rest.isEmpty() ? err : out).println(USAGE);
      return rest.isEmpty() ? 2 : 0;
    }
    String command = rest.removeFirst();
    String[] options = rest.toArray(String[]::new);
    return switch (command) {
      case "prune" -> prune(options, master, out, err);
      case "embed" -> {
        OptionalInt early = SparkEmbed.check(options, out, err);
        yield early.isPresent()
            ? early.getAsInt()
            : withSpark(master, "embed", err, spark -> SparkEmbed.run(spark, options, out, err));
      }
      default -> {
        err.println("winnow spark: unknown command '" + command + "' (known: prune, embed)");
        yield 2;
      }
    };
  }

  /** {@code prune}: the options are checked before Spark starts. */
  private static int prune(String[] args, String master, PrintStream out, PrintStream err) {
    if (Arrays.asList(args).contains("--help")) {
      out.println(PruneArguments.USAGE);
      return 0;
    }
    SparkPrune.Request request;
    try {
      request = PruneArguments.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      err.println("winnow spark prune: " + e.getMessage());
      return 2;
    }
    return withSpark(
        master,
        "prune",
        err,
        spark -> {
          SparkPrune.run(spark, request, out);
          return 0;
        });
  }

  /** A command's work on a Spark session. */
  private interface Job {
    int run(SparkSession spark) throws Exception;
  }

  /**
   * Runs {@code job} on a session (the {@code spark-submit} one, or {@code master}'s) and turns a
   * failure into one line on stderr: exit 2 for a bad option, 1 for anything else.
   */
  private static int withSpark(String master, String command, PrintStream err, Job job) {
    SparkSession.Builder builder = SparkSession.builder().appName("winnow spark " + command);
    if (master != null) {
      builder.master(master);
    }
    try (SparkSession spark = builder.getOrCreate()) {
      return job.run(spark);
    } catch (Exception e) {
      err.println("winnow spark " + command + ": " + oneLine(e));
      return e instanceof IllegalArgumentException ? 2 : 1;
    } catch (ExceptionInInitializerError e) {
      // Spark's configuration fails to load when this machine's host name does not resolve
      err.println(
          "winnow spark "
              + command
              + ": Spark could not start: "
              + oneLine(e.getCause() == null ? e : e.getCause())
              + " (set SPARK_LOCAL_IP=127.0.0.1 when the host name does not resolve)");
      return 1;
    }
  }

  /**
   * The message of the innermost Winnow or argument error under a Spark job failure, else the first
   * line of the failure's own message.
   */
  public static String oneLine(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DatasetException
          || t instanceof IllegalArgumentException
          || t instanceof java.io.IOException) {
        return firstLine(t.getMessage());
      }
    }
    String m = e instanceof SparkException ? e.getMessage() : String.valueOf(e.getMessage());
    return firstLine(m == null ? e.getClass().getSimpleName() : m);
  }

  private static String firstLine(String m) {
    String s = String.valueOf(m);
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Removes {@code --name V} or {@code --name=V} from {@code args} and returns V. */
  private static String take(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals(name) && i + 1 < args.size()) {
        args.remove(i);
        return args.remove(i);
      }
      if (args.get(i).startsWith(name + "=")) {
        return args.remove(i).substring(name.length() + 1);
      }
    }
    return null;
  }

  /**
   * Spark's INFO lines, and its repeats of a failed task's stack trace, would bury the one line
   * this command prints: unless the user configured log4j (a {@code log4j2.configurationFile}, or a
   * {@code log4j2.properties} on the classpath such as Spark's {@code conf/}), the jar's own
   * configuration keeps Spark's warnings only.
   */
  private static void quietSparkLogs() {
    if (System.getProperty("log4j2.configurationFile") == null
        && WinnowSpark.class.getResource("/log4j2.properties") == null) {
      System.setProperty(
          "log4j2.configurationFile",
          String.valueOf(WinnowSpark.class.getResource("log4j2.properties")));
    }
    Locale.setDefault(Locale.ROOT);
  }

  /** The Winnow version of this build, from the filtered {@code version.properties}. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = WinnowSpark.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
