package org.winnow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.winnow.datasets.doctor.BasicChecks;
import org.winnow.datasets.doctor.Check;
import org.winnow.prune.NativeBlas;
import org.winnow.train.EngineChecks;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code winnow doctor}: what Winnow needs from this machine, and how to fix what is missing. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the Java version, DJL's engine, device and GPUs, Smile's native BLAS, the cache"
          + " folders, offline mode and the bundled sample. Every problem comes with its fix.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow doctor",
      "  WINNOW_BLAS=system winnow doctor      check the system's libopenblas.so instead",
      "",
      "Exit codes: 0 all checks passed, 1 a check found a problem."
    })
final class DoctorCommand implements Callable<Integer> {

  private final Supplier<List<Check>> checks;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs every check of every module. */
  DoctorCommand() {
    this(DoctorCommand::everyCheck);
  }

  /** Runs the given checks instead (tests). */
  DoctorCommand(Supplier<List<Check>> checks) {
    this.checks = checks;
  }

  private static List<Check> everyCheck() {
    List<Check> all = new ArrayList<>();
    all.add(BasicChecks.java());
    all.addAll(EngineChecks.all());
    all.add(NativeBlas.check());
    all.add(BasicChecks.mavenRepository(BasicChecks.defaultMavenRepository()));
    all.add(BasicChecks.bundledSample(Winnow.bundledSample()));
    return all;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Check> found = checks.get();
    int width = found.stream().mapToInt(c -> c.name().length()).max().orElse(0);
    long problems = 0;
    for (Check c : found) {
      out.printf("%-8s %-" + width + "s  %s%n", c.ok() ? "ok" : "PROBLEM", c.name(), c.found());
      if (!c.ok()) {
        out.printf("%-8s %-" + width + "s  fix: %s%n", "", "", c.fix());
        problems++;
      }
    }
    if (problems == 0) {
      out.printf("All %d checks passed.%n", found.size());
      return 0;
    }
    out.printf("%d of %d checks found a problem; each fix is under it.%n", problems, found.size());
    return 1;
  }
}
