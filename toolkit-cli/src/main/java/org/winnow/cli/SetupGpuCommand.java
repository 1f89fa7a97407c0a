package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.winnow.embed.GpuSetup;
import org.winnow.nets.GpuLibTorch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code winnow setup-gpu}: fetch the CUDA build of libtorch once, then run offline on it. */
@Command(
    name = "setup-gpu",
    mixinStandardHelpOptions = true,
    description = {
      "Lets DJL download libtorch "
          + GpuLibTorch.VERSION
          + "+"
          + GpuLibTorch.FLAVOR
          + " (several GB) once, the only time Winnow goes online; checks offline that it loads"
          + " and runs on the GPU; and records it, so that every later command loads it offline"
          + " instead of the bundled CPU build. Needs internet access, Linux x86-64 and an NVIDIA"
          + " driver for CUDA 12.8. Telemetry stays off.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow setup-gpu",
      "  winnow doctor --gpu-smoke     then compare a GPU run with a CPU run",
      "",
      "The record is libtorch.properties in ~/.config/winnow (WINNOW_CONFIG_DIR moves it); delete"
          + " it to go back to the CPU build. PYTORCH_LIBRARY_PATH, PYTORCH_VERSION or"
          + " PYTORCH_FLAVOR, when set, take precedence over it.",
      "",
      "Exit codes: 0 recorded, 1 failure (nothing recorded), 2 usage error."
    })
final class SetupGpuCommand implements Callable<Integer> {

  @Option(names = "--flavor", hidden = true, defaultValue = GpuLibTorch.FLAVOR)
  String flavor;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    GpuSetup.Request request;
    try {
      request = new GpuSetup.Request(GpuLibTorch.VERSION, flavor);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    GpuSetup.Result r = GpuSetup.run(request, line -> out.println(line));
    out.printf(
        "recorded %s (%d GPU%s) in %s: every winnow command now loads it, offline%n",
        r.recorded().describe(), r.gpus(), r.gpus() == 1 ? "" : "s", GpuLibTorch.recordFile());
    return 0;
  }
}
