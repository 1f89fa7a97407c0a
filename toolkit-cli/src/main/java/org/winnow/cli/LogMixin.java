package org.winnow.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --quiet} and the log file of the commands that write a folder (run, curve, demo) or a
 * report (beside it).
 */
final class LogMixin {

  @Option(names = "--quiet", description = "No progress bars (the log still gets them).")
  boolean quiet;

  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
  CommandLine.Model.CommandSpec spec;

  /** Opens the log in {@code out}, recording the command line as typed. */
  RunLog open(Path out) throws IOException {
    // The parse result of the subcommand holds the whole command line, subcommand name included.
    String command =
        "winnow " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    return RunLog.open(out, command, spec.commandLine().getErr(), quiet);
  }
}
