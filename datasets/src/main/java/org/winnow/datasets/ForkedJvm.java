package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a main class on the current classpath in a fresh JVM, for the tests of every module that
 * must kill a process ({@code kill -9} and resume) or bound its heap, and for {@code winnow
 * setup-gpu}, which loads DJL's engine in a child with another classpath and environment.
 */
public final class ForkedJvm {

  private ForkedJvm() {}

  /**
   * Starts {@code main} with {@code -Xmx} set to {@code heap}; stdout and stderr go to {@code log}.
   */
  public static Process start(Class<?> main, String heap, Path log, String... args)
      throws IOException {
    return new ProcessBuilder(command(main, heap, args))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * The command line that runs {@code main} with {@code -Xmx} set to {@code heap}, for a caller
   * that wraps it (in {@code strace}, say) or changes its environment.
   */
  public static List<String> command(Class<?> main, String heap, String... args) {
    return commandOn(System.getProperty("java.class.path"), main, heap, args);
  }

  /** As {@link #command(Class, String, String...)}, on another {@code classpath}. */
  public static List<String> commandOn(
      String classpath, Class<?> main, String heap, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(classpath);
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Whether {@code command} (a tool a test wraps a child in: {@code unshare -n true}, {@code strace
   * -V}) starts and exits 0 within 30 seconds, so that a test can skip where it is missing or not
   * permitted.
   */
  public static boolean toolRuns(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
