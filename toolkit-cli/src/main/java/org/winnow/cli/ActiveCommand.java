package org.winnow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winnow active}: pool-based active learning over embeddings. */
@Command(
    name = "active",
    mixinStandardHelpOptions = true,
    description =
        "Active learning: which unlabelled samples to label next (next), and how fast each"
            + " strategy learns on a labelled dataset whose labels act as the oracle (simulate).",
    subcommands = {ActiveNextCommand.class, ActiveSimulateCommand.class})
final class ActiveCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a sub-command: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /**
   * Runs {@code body}, turning a bad option value (one of the parse methods' one-line {@link
   * IllegalArgumentException}s, or an {@link org.winnow.prune.active.OptionException} found once
   * the inputs are read) into a usage error, exit 2.
   */
  static <T> T option(CommandLine.Model.CommandSpec spec, java.util.function.Supplier<T> body) {
    try {
      return body.get();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
