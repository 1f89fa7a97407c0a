package org.winnow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winnow datasets}: look at datasets and draw subsets of them. */
@Command(
    name = "datasets",
    mixinStandardHelpOptions = true,
    description = "Inspect datasets and draw class-balanced subsets.",
    subcommands = {InspectCommand.class, SubsampleCommand.class})
final class DatasetsCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a sub-command: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}
