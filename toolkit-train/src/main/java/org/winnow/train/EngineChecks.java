package org.winnow.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.Utils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.winnow.datasets.doctor.Check;
import org.winnow.datasets.doctor.NativeLibraries;
import org.winnow.nets.OfflineDjl;

/**
 * What {@code winnow doctor} checks of DJL: the engine and its version, the device and GPU count,
 * DJL's cache folders and offline mode. Winnow bundles the PyTorch CPU native library on its
 * classpath and never downloads at run time.
 */
public final class EngineChecks {

  private static final String ENGINE_FIX =
      "rebuild with ./mvnw package so that the classpath holds DJL's pytorch-native-cpu, and make"
          + " the engine cache folder writable (ENGINE_CACHE_DIR)";

  private EngineChecks() {}

  /** The engine, the device, the two cache folders and offline mode, in that order. */
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
