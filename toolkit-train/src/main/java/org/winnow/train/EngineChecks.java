package org.winnow.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.winnow.datasets.doctor.Check;
import org.winnow.datasets.doctor.NativeLibraries;
import org.winnow.datasets.doctor.NvidiaGpus;
import org.winnow.nets.GpuLibTorch;
import org.winnow.nets.OfflineDjl;

/**
 * What {@code winnow doctor} checks of DJL: the engine and its version, the device and GPU count,
 * DJL's cache folders and offline mode. Winnow bundles the PyTorch CPU native library on its
 * classpath and never downloads at run time; {@code winnow setup-gpu} fetches the CUDA build once
 * ({@link GpuLibTorch}). Two checks appear only where they have something to say: an NVIDIA GPU the
 * machine has (and whether DJL uses it), and the CUDA build {@code setup-gpu} recorded.
 */
public final class EngineChecks {

  private static final String ENGINE_FIX =
      "rebuild with ./mvnw package so that the classpath holds DJL's pytorch-native-cpu, and make"
          + " the engine cache folder writable (ENGINE_CACHE_DIR)";

  private EngineChecks() {}

  /** The command that makes DJL use an NVIDIA GPU, as the doctor's fixes name it. */
  public static final String SETUP_GPU = "./winnow setup-gpu";

  /**
   * The engine, the device, the NVIDIA GPUs and the recorded CUDA build (when there are any), the
   * two cache folders and offline mode, in that order.
   */
  public static List<Check> all() {
    OfflineDjl.apply();
    List<Check> checks = new ArrayList<>();
    Engine engine = null;
    try {
      engine = Engine.getInstance();
      checks.add(engine(engine));
    } catch (RuntimeException | LinkageError e) {
      checks.add(
          Check.problem(
              "DJL engine", "no DJL engine loads: " + oneLine(e.getMessage()), ENGINE_FIX));
    }
    checks.add(
        engine == null
            ? Check.problem("device", "unknown, as no engine loads", "fix the DJL engine first")
            : device(engine.defaultDevice(), engine.getGpuCount()));
    List<String> nvidia = NvidiaGpus.detect();
    if (!nvidia.isEmpty()) {
      checks.add(nvidiaGpus(nvidia, engine == null ? 0 : engine.getGpuCount()));
    }
    GpuLibTorch.read().ifPresent(r -> checks.add(gpuSetup(r, loadedLibTorch())));
    checks.add(cacheFolder("DJL cache", Utils.getCacheDir(), "DJL_CACHE_DIR"));
    String engineName = engine == null ? Engine.getDefaultEngineName() : engine.getEngineName();
    checks.add(
        cacheFolder(
            "engine cache",
            Utils.getEngineCacheDir(engineName.toLowerCase(Locale.ROOT)),
            "ENGINE_CACHE_DIR"));
    checks.add(offline(Utils.isOfflineMode()));
    return checks;
  }

  private static Check engine(Engine engine) {
    String found =
        engine.getEngineName()
            + " "
            + engine.getVersion()
            + " (DJL "
            + Engine.getDjlVersion()
            + ")";
    // PyTorch's CPU kernels live in libtorch_cpu.so, in every build.
    found +=
        NativeLibraries.loaded("libtorch_cpu.so")
            .map(p -> ", native library in " + p.getParent())
            .orElse("");
    return Check.ok("DJL engine", found);
  }

  /** The device DJL uses by default and the number of GPUs it sees; no GPU is not a problem. */
  public static Check device(Device device, int gpus) {
    return Check.ok(
        "device",
        String.format(
            Locale.ROOT,
            "%s by default, %d GPU%s visible to DJL%s",
            device,
            gpus,
            gpus == 1 ? "" : "s",
            gpus == 0 ? " (training and embedding run on the CPU)" : ""));
  }

  /**
   * The NVIDIA GPUs the machine has against those DJL sees: none seen means the bundled CPU build
   * of libtorch runs on a GPU machine, and the fix is {@code winnow setup-gpu}.
   */
  public static Check nvidiaGpus(List<String> names, int djlGpus) {
    String found =
        String.format(
            Locale.ROOT,
            "%d on this machine (%s), %d visible to DJL",
            names.size(),
            String.join(", ", names),
            djlGpus);
    if (djlGpus > 0) {
      return Check.ok("NVIDIA GPU", found);
    }
    return Check.problem(
        "NVIDIA GPU",
        found + ": the bundled CPU build of libtorch is in use",
        "run "
            + SETUP_GPU
            + " once with internet access: it fetches libtorch "
            + GpuLibTorch.VERSION
            + "+"
            + GpuLibTorch.FLAVOR
            + " and records it for every later, offline command");
  }

  /**
   * The build {@code winnow setup-gpu} recorded, against the folder DJL loaded libtorch from
   * ({@code loaded}, empty when no engine loaded).
   */
  public static Check gpuSetup(GpuLibTorch.Recorded recorded, Optional<Path> loaded) {
    String found = recorded.describe() + ", recorded in " + GpuLibTorch.recordFile();
    if (!recorded.present()) {
      return Check.problem(
          "GPU setup",
          found + ", but the folder holds no libtorch.so",
          "rerun " + SETUP_GPU + ", or delete " + GpuLibTorch.recordFile() + " to use the CPU");
    }
    if (loaded.isPresent() && loaded.get().equals(recorded.library().toAbsolutePath())) {
      return Check.ok("GPU setup", found + ": in use");
    }
    return Check.ok(
        "GPU setup",
        found
            + ": not in use, DJL loaded "
            + loaded.map(Path::toString).orElse("nothing")
            + " (PYTORCH_LIBRARY_PATH, PYTORCH_VERSION or PYTORCH_FLAVOR, when set, win)");
  }

  private static Optional<Path> loadedLibTorch() {
    try {
      return Optional.of(Path.of(LibUtils.getLibtorchPath()).toAbsolutePath());
    } catch (RuntimeException e) {
      return Optional.empty(); // no engine loaded
    }
  }

  /**
   * A cache folder DJL writes into: fine when it is writable, or does not exist yet but can be
   * created.
   *
   * @param variable the environment variable that moves it
   */
  public static Check cacheFolder(String name, Path folder, String variable) {
    String set = System.getenv(variable) != null ? " (from " + variable + ")" : "";
    if (writable(folder)) {
      return Check.ok(name, folder + set);
    }
    return Check.problem(
        name, folder + set + " is not writable", "set " + variable + " to a writable folder");
  }

  private static boolean writable(Path folder) {
    Path p = folder.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && Files.isDirectory(p) && Files.isWritable(p);
  }

  /** DJL's offline mode ({@code DJL_OFFLINE}), which must be on: nothing downloads at run time. */
  public static Check offline(boolean on) {
    return on
        ? Check.ok("offline mode", "on (DJL_OFFLINE=true): DJL downloads nothing")
        : Check.problem(
            "offline mode",
            "off: DJL may download engines and models at run time",
            "set DJL_OFFLINE=true (./winnow does, unless it is set to something else)");
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').strip();
  }
}
