package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.winnow.datasets.doctor.BasicChecks;
import org.winnow.datasets.doctor.Check;
import org.winnow.embed.DeviceChoice;
import org.winnow.pipeline.GpuSmoke;
import org.winnow.prune.NativeBlas;
import org.winnow.train.EngineChecks;
import org.winnow.train.RunSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
      "  winnow doctor --gpu-smoke             does the GPU train and embed as the CPU does?",
      "",
      "Exit codes: 0 all checks passed, 1 a check found a problem (--gpu-smoke: a tolerance was"
          + " not met), 2 usage error (--gpu-smoke: DJL sees no GPU)."
    })
final class DoctorCommand implements Callable<Integer> {

  private final Supplier<List<Check>> checks;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--gpu-smoke",
      description =
          "Instead of the checks: train the bundled sample for "
              + SMOKE_EPOCHS
              + " epochs on the CPU and on the GPU, embed its test images with the same weights on"
              + " both, and compare test accuracy (at most 0.10 apart) and embeddings (cosine per"
              + " row at least 0.999, largest difference at most 0.02 of the largest entry),"
              + " printing images per second for both. Takes minutes; needs a GPU DJL sees.")
  boolean gpuSmoke;

  /**
   * The device compared with the CPU; {@code cpu} runs the whole check without a GPU (tests). The
   * default names the constant itself, as a command line without case-insensitive enums parses it.
   */
  @Option(names = "--smoke-device", hidden = true, defaultValue = "GPU")
  DeviceChoice smokeDevice;

  /** The dataset of the smoke check (tests use a small one). */
  @Option(names = "--smoke-data", hidden = true)
  Path smokeData;

  /** Epochs of each smoke training run. */
  static final int SMOKE_EPOCHS = 2;

  /** Samples per step of the smoke runs: 16 steps per epoch on the bundled sample's 2,000. */
  static final int SMOKE_BATCH = 128;

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
  public Integer call() throws IOException {
    if (gpuSmoke) {
      return smoke();
    }
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

  private int smoke() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (smokeDevice == DeviceChoice.AUTO) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--smoke-device must be gpu or cpu");
    }
    if (smokeDevice == DeviceChoice.GPU && !GpuSmoke.gpuAvailable()) {
      err.println(
          "winnow: doctor --gpu-smoke: DJL sees no GPU, so there is nothing to compare (on an"
              + " NVIDIA machine, run "
              + EngineChecks.SETUP_GPU
              + " first)");
      return CommandLine.ExitCode.USAGE;
    }
    Path data = smokeData != null ? smokeData : Winnow.bundledSample();
    GpuSmoke.Tolerances t = GpuSmoke.Tolerances.defaults();
    out.printf(
        "gpu smoke: resnet20, %d epochs of batches of %d, seed %d, on %s%n",
        SMOKE_EPOCHS, SMOKE_BATCH, RunSettings.DEFAULT_SEED, data);
    GpuSmoke.Result r =
        GpuSmoke.run(
            new GpuSmoke.Request(
                data,
                smokeDevice,
                SMOKE_EPOCHS,
                SMOKE_BATCH,
                RunSettings.DEFAULT_SEED,
                Files.createTempDirectory("winnow-gpu-smoke"),
                t),
            ConsoleProgress.forStderr(err),
            line -> out.println("  " + line));
    GpuSmoke.Agreement e = r.embeddings();
    out.printf(
        Locale.ROOT,
        "training   %-8s test accuracy %.4f  %,9.0f img/s%n"
            + "           %-8s test accuracy %.4f  %,9.0f img/s  difference %.4f (at most %.4f)%n",
        r.cpu().device(),
        r.cpu().testAccuracy(),
        r.cpu().trainImagesPerSecond(),
        r.other().device(),
        r.other().testAccuracy(),
        r.other().trainImagesPerSecond(),
        Math.abs(r.cpu().testAccuracy() - r.other().testAccuracy()),
        t.accuracy());
    out.printf(
        Locale.ROOT,
        "embedding  %-8s %,9.0f img/s%n"
            + "           %-8s %,9.0f img/s  %d rows: min cosine %.6f (at least %.6f), max abs"
            + " difference %.3g = %.5f of the largest entry (at most %.4f)%n",
        r.cpu().device(),
        r.cpu().embedImagesPerSecond(),
        r.other().device(),
        r.other().embedImagesPerSecond(),
        e.rows(),
        e.minCosine(),
        t.minCosine(),
        e.maxAbsDifference(),
        e.relativeDifference(),
        t.maxRelativeDifference());
    if (!r.passed()) {
      err.println("winnow: error: gpu smoke failed: " + String.join("; ", r.failures()));
      return 1;
    }
    out.println("gpu smoke: passed");
    return 0;
  }
}
