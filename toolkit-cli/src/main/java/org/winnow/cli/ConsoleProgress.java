package org.winnow.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.winnow.datasets.Progress;

/**
 * A progress bar with rate and ETA on standard error. On a terminal it redraws one line at most ten
 * times a second; when standard error is a file or pipe it prints a line at every tenth of the work
 * instead, so logs stay short.
 */
final class ConsoleProgress implements Progress {

  private static final long REDRAW_NANOS = 100_000_000L;
  private static final long LOG_NANOS = 5_000_000_000L;
  private static final int BAR = 24;

  private final PrintWriter err;
  private final boolean terminal;
  private final AtomicLong done = new AtomicLong();
  private volatile String stage = "";
  private volatile long total = -1;
  private long startNanos;
  private volatile long lastDraw;

  ConsoleProgress(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** A progress bar for this process's standard error. */
  static ConsoleProgress forStderr(PrintWriter err) {
    java.io.Console console = System.console();
    return new ConsoleProgress(err, console != null && console.isTerminal());
  }

  @Override
  public synchronized void start(String stage, long total) {
    this.stage = stage;
    this.total = total;
    done.set(0);
    startNanos = System.nanoTime();
    lastDraw = startNanos;
  }

  @Override
  public void advance(long amount) {
    long now = done.addAndGet(amount);
    long t = System.nanoTime();
    if (t - lastDraw >= interval()) {
      draw(now, t, false);
    }
  }

  private long interval() {
    return terminal ? REDRAW_NANOS : LOG_NANOS;
  }

  @Override
  public synchronized void finish() {
    draw(done.get(), System.nanoTime(), true);
  }

  private synchronized void draw(long now, long nanos, boolean last) {
    if (!last && nanos - lastDraw < interval()) {
      return; // another thread drew meanwhile
    }
    lastDraw = nanos;
    double seconds = (nanos - startNanos) / 1e9;
    double rate = seconds > 0 ? now / seconds : 0;
    String line = render(stage, now, total, seconds, rate, last);
    if (terminal) {
      err.print("\r" + line + (last ? "\n" : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** One line of progress; exposed for tests. */
  static String render(
      String stage, long done, long total, double seconds, double rate, boolean last) {
    StringBuilder sb = new StringBuilder(String.format("%-8s", stage));
    if (total > 0) {
      int filled = (int) Math.min(BAR, BAR * done / total);
      sb.append(" [")
          .append("#".repeat(filled))
          .append(".".repeat(BAR - filled))
          .append(String.format("] %3d%% %,d/%,d", 100 * done / total, done, total));
    } else {
      sb.append(String.format(" %,d", done));
    }
    sb.append(rate(done, rate));
    if (last) {
      sb.append("  done in ").append(clock(seconds));
    } else if (total > 0 && rate > 0) {
      sb.append("  ETA ").append(clock((total - done) / rate));
    }
    return sb.toString();
  }

  /**
   * The rate, readable at every speed: {@code 1,234/s}, {@code 2.5/s}, or, below one a second (an
   * epoch's steps on a CPU), the seconds each takes, {@code 7.4 s each}; nothing before the first.
   */
  static String rate(long done, double rate) {
    if (done <= 0 || rate <= 0) {
      return "";
    }
    if (rate >= 10) {
      return String.format("  %,.0f/s", rate);
    }
    if (rate >= 1) {
      return String.format("  %.1f/s", rate);
    }
    return String.format("  %.1f s each", 1 / rate);
  }

  /** Seconds as {@code m:ss} or {@code h:mm:ss}. */
  static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("%d:%02d", s / 60, s % 60);
  }
}
