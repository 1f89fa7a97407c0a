package org.winnow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winnow embeddings}: look at embedding files. */
@Command(
    name = "embeddings",
    mixinStandardHelpOptions = true,
    description = "Inspect HDF5 embedding files written by winnow embed (or by h5py).",
    subcommands = {EmbeddingsInspectCommand.class})
final class EmbeddingsCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a sub-command: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}
