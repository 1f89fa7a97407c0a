package org.winnow.embed;

import ai.djl.util.Utils;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.OutputLock;
import org.winnow.nets.GpuLibTorch;

/**
 * {@code winnow setup-gpu}: lets DJL fetch the CUDA build of libtorch once, checks that it loads
 * offline and sees a GPU, and records it ({@link GpuLibTorch}) so that every later command runs
 * offline on it.
 *
 * <p>The fetch runs in a child JVM, the only Winnow process ever allowed on the network: offline
 * mode off, tracking still off ({@code OPT_OUT_TRACKING}), and a classpath without the {@code
 * pytorch-native-cpu} jar, for DJL downloads only when no native library is bundled. It downloads
 * into a hidden sibling of the final folder ({@code <engine cache>/pytorch/.2.7.1-cu128-linux-
 * x86_64.tmp-<pid>-<n>}, as its {@code ENGINE_CACHE_DIR}), and only a complete build is renamed
 * into place; a killed fetch's folder is swept by the next run ({@link OutputLock}). A second
 * child, offline and on the usual classpath, then loads the build the way every later command will,
 * and runs a kernel on the GPU; only then is the record written. A failure at any step writes no
 * record and leaves no partial folder.
 */
public final class GpuSetup {

  private static final String PUBLISH = "https://publish.djl.ai";

  private GpuSetup() {}

  /**
   * What to fetch.
   *
   * @param version the libtorch version
   * @param flavor DJL's flavour: {@code cu128}, or {@code cpu} to exercise the steps without a GPU
   *     (tests); a CUDA flavour must see a GPU
   */
  public record Request(String version, String flavor) {

    /** Validates the fields. */
    public Request {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(flavor, "flavor");
      if (!flavor.matches("cpu|cu\\d{3}")) {
        throw new IllegalArgumentException("--flavor must be cpu or cuNNN, not '" + flavor + "'");
      }
    }

    /** libtorch 2.7.1+cu128, the build the bundled JNI library matches. */
    public static Request defaults() {
      return new Request(GpuLibTorch.VERSION, GpuLibTorch.FLAVOR);
    }

    boolean cuda() {
      return flavor.startsWith("cu");
    }

    String folderName() {
      return version + "-" + flavor + "-linux-x86_64";
    }
  }

  /**
   * What the setup did.
   *
   * @param recorded the build now recorded
   * @param gpus the GPUs it sees
   * @param fetched whether it was downloaded now (else it was already in the cache)
   */
  public record Result(GpuLibTorch.Recorded recorded, int gpus, boolean fetched) {}

  /**
   * Fetches (unless already cached), checks and records the build.
   *
   * @param log progress lines
   * @throws EmbeddingException with one line when the platform has no such build, the download
   *     fails, or the build does not load or sees no GPU; nothing is recorded then
   */
  public static Result run(Request r, Consumer<String> log) throws IOException {
    String os = System.getProperty("os.name");
    String arch = System.getProperty("os.arch");
    if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new EmbeddingException(
          "setup-gpu: DJL 0.35.1 has a CUDA build of libtorch for Linux x86-64 only, not for "
              + os
              + " "
              + arch);
    }
    Path target = Utils.getEngineCacheDir("pytorch").resolve(r.folderName()).toAbsolutePath();
    String build = "libtorch " + r.version() + "+" + r.flavor();
    boolean fetched = false;
    try (OutputLock claim = OutputLock.acquire(target)) {
      if (!Files.isRegularFile(target.resolve("libtorch.so"))) {
        log.accept(
            "fetching "
                + build
                + (r.cuda() ? " (several GB)" : "")
                + " from "
                + PUBLISH
                + " into "
                + target
                + " ...");
        fetch(r, target, build);
        fetched = true;
      }
      log.accept("checking that " + build + " loads offline ...");
      Probe p =
          probe(
              System.getProperty("java.class.path"),
              Map.of(
                  "DJL_OFFLINE", "true",
                  "PYTORCH_LIBRARY_PATH", target.toString(),
                  "PYTORCH_VERSION", r.version(),
                  "PYTORCH_FLAVOR", r.flavor()),
              r.cuda());
      if (p.error() != null) {
        throw new EmbeddingException(
            "setup-gpu: " + build + " in " + target + " does not load: " + p.error());
      }
      if (r.cuda() && p.gpus() == 0) {
        throw new EmbeddingException(
            "setup-gpu: "
                + build
                + " in "
                + target
                + " loads but sees no GPU: is the NVIDIA driver loaded and recent enough for"
                + " CUDA 12.8 (see nvidia-smi)? Nothing was recorded");
      }
      GpuLibTorch.Recorded recorded = new GpuLibTorch.Recorded(target, r.version(), r.flavor());
      GpuLibTorch.write(recorded);
      return new Result(recorded, p.gpus(), fetched);
    }
  }

  /** Downloads into a hidden sibling of {@code target} and renames the complete build into it. */
  private static void fetch(Request r, Path target, String build) throws IOException {
    Path staging = AtomicFiles.tempSibling(target);
    try {
      Probe p =
          probe(
              withoutBundledLibTorch(System.getProperty("java.class.path")),
              Map.of(
                  "DJL_OFFLINE", "false",
                  "ENGINE_CACHE_DIR", staging.toString(),
                  "PYTORCH_VERSION", r.version(),
                  "PYTORCH_FLAVOR", r.flavor()),
              false);
      if (p.error() != null) {
        throw new EmbeddingException(
            "setup-gpu: could not fetch "
                + build
                + " from "
                + PUBLISH
                + ": "
                + p.error()
                + "; this command needs internet access once (behind a proxy, set"
                + " WINNOW_JAVA_OPTS=\"-Dhttps.proxyHost=HOST -Dhttps.proxyPort=PORT\")");
      }
      Path fetched = staging.resolve("pytorch").resolve(r.folderName());
      if (!p.library().equals(fetched) || !Files.isRegularFile(fetched.resolve("libtorch.so"))) {
        // DJL falls back to the CPU build when its index lists no matching CUDA build.
        throw new EmbeddingException(
            "setup-gpu: DJL fetched " + p.library() + " instead of " + build + "; nothing changed");
      }
      AtomicFiles.commit(fetched, target);
    } finally {
      AtomicFiles.deleteTree(staging);
    }
  }

  /** The classpath without DJL's bundled CPU build, so that DJL downloads the one it is told. */
  static String withoutBundledLibTorch(String classpath) {
    return Stream.of(classpath.split(File.pathSeparator))
        .filter(e -> !Path.of(e).getFileName().toString().startsWith("pytorch-native-cpu"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** What an {@link EngineProbe} child said: the GPUs and library folder, or an error. */
  private record Probe(int gpus, Path library, String error) {}

  /** Runs {@link EngineProbe} in a child JVM with {@code env} added and tracking off. */
  private static Probe probe(String classpath, Map<String, String> env, boolean runOnGpu)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            ForkedJvm.commandOn(classpath, EngineProbe.class, "1g", runOnGpu ? "gpu" : "cpu"));
    // A proxy the user gave this JVM serves the child too.
    for (String key :
        List.of(
            "https.proxyHost",
            "https.proxyPort",
            "http.proxyHost",
            "http.proxyPort",
            "http.nonProxyHosts")) {
      String value = System.getProperty(key);
      if (value != null) {
        command.add(1, "-D" + key + "=" + value);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> childEnv = pb.environment();
    GpuLibTorch.DJL_VARIABLES.forEach(childEnv::remove);
    childEnv.put("OPT_OUT_TRACKING", "true");
    childEnv.putAll(env);
    Path log = Files.createTempFile("winnow-setup-gpu", ".log");
    try {
      Process child = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        child.waitFor();
      } catch (InterruptedException e) {
        child.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new EmbeddingException("setup-gpu: interrupted");
      }
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      if (System.getenv("WINNOW_DEBUG") != null) {
        lines.forEach(System.err::println);
      }
      for (String line : lines.reversed()) {
        if (line.startsWith(EngineProbe.ERROR)) {
          return new Probe(0, null, line.substring(EngineProbe.ERROR.length()));
        }
        if (line.startsWith(EngineProbe.OK)) {
          String[] parts = line.substring(EngineProbe.OK.length()).split(" ", 2);
          return new Probe(Integer.parseInt(parts[0]), Path.of(parts[1]), null);
        }
      }
      return new Probe(
          0,
          null,
          "the engine check exited with "
              + child.exitValue()
              + (lines.isEmpty() ? "" : ": " + lines.getLast()));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
