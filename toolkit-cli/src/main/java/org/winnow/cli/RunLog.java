package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.winnow.datasets.Progress;

/**
 * The log file of a command that writes a folder ({@code run}, {@code curve}, {@code demo}) or a
 * report ({@code report}, beside the HTML file): {@code winnow.log} in that folder, appended to by
 * every invocation. It receives the command line, every note the user sees, progress lines, and the
 * stack trace of a failure, which the user's terminal gets as one line only.
 */
final class RunLog implements AutoCloseable {

  /** The log's file name. */
  static final String FILE = "winnow.log";

  private final PrintWriter file;
  private final PrintWriter err;
  private final Progress progress;

  private RunLog(PrintWriter file, PrintWriter err, boolean quiet) {
    this.file = file;
    this.err = err;
    Progress toFile = new ConsoleProgress(file, false);
    this.progress = quiet ? toFile : new Tee(ConsoleProgress.forStderr(err), toFile);
  }

  /** Opens (appends to) the log in {@code folder}, creating the folder, and records the command. */
  static RunLog open(Path folder, String command, PrintWriter err, boolean quiet)
      throws IOException {
    Files.createDirectories(folder);
    Writer w =
        Files.newBufferedWriter(
            folder.resolve(FILE),
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
    RunLog log = new RunLog(new PrintWriter(w, true), err, quiet);
    log.file.println();
    log.file.println(stamp() + " winnow " + Winnow.version() + ": " + command);
    log.file.flush();
    return log;
  }

  /** Progress on the terminal (unless quiet) and in the log. */
  Progress progress() {
    return progress;
  }

  /** Prints a line for the user on standard error and records it. */
  void note(String line) {
    err.println(line);
    err.flush();
    file.println(stamp() + " " + line);
    file.flush();
  }

  /** {@link #note} as a consumer, for library code that reports lines. */
  Consumer<String> notes() {
    return this::note;
  }

  /**
   * Runs {@code work}; a failure's stack trace goes into the log, and the exception on to the
   * command line's one-line error handler.
   */
  <T> T guard(Callable<T> work) throws Exception {
    try {
      return work.call();
    } catch (Exception | Error e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      file.println(stamp() + " failed: " + trace);
      file.flush();
      throw e;
    }
  }

  @Override
  public void close() {
    file.close();
  }

  private static String stamp() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Progress sent to two sinks. */
  private record Tee(Progress a, Progress b) implements Progress {
    @Override
    public void start(String stage, long total) {
      a.start(stage, total);
      b.start(stage, total);
    }

    @Override
    public void advance(long amount) {
      a.advance(amount);
      b.advance(amount);
    }

    @Override
    public void finish() {
      a.finish();
      b.finish();
    }
  }
}
