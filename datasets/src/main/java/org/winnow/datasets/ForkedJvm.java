package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a main class on the current classpath in a fresh JVM, for the tests of every module that
 * must kill a process ({@code kill -9} and resume) or bound its heap.
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
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }
}
