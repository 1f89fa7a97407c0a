package org.winnow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winnow audit}: checks of a dataset's splits. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Audits a dataset: test and validation samples that duplicate train samples (leakage).",
    subcommands = {AuditLeakageCommand.class})
final class AuditCommand implements java.util.concurrent.Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a sub-command: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }
}
