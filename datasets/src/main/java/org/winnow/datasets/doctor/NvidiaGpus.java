package org.winnow.datasets.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The NVIDIA GPUs this machine has, whatever DJL sees: what {@code nvidia-smi -L} lists, else the
 * entries of {@code /proc/driver/nvidia/gpus}, which the driver fills. {@code winnow doctor}
 * compares them with DJL's GPU count to catch the bundled CPU build of libtorch running on a GPU
 * machine.
 */
public final class NvidiaGpus {

  /** {@code GPU 0: NVIDIA H200 (UUID: GPU-…)}, as {@code nvidia-smi -L} prints it. */
  private static final Pattern SMI_LINE = Pattern.compile("^GPU \\d+: (.+?)(?: \\(UUID: .*\\))?$");

  /** {@code Model: NVIDIA H200}, in a {@code /proc/driver/nvidia/gpus/<bus id>/information}. */
  private static final Pattern MODEL = Pattern.compile("^Model:\\s*(.+)$");

  private NvidiaGpus() {}

  /** The GPUs of this machine, by name; empty when there is no NVIDIA GPU or driver. */
  public static List<String> detect() {
    return detect(System.getenv("PATH"), Path.of("/proc/driver/nvidia/gpus"));
  }

  /**
   * The GPUs {@code nvidia-smi} (looked up on {@code path}) lists, else those under {@code
   * procGpus}; a tool that fails or hangs counts as none.
   */
  public static List<String> detect(String path, Path procGpus) {
    List<String> listed = fromNvidiaSmi(path);
    return listed.isEmpty() ? fromProc(procGpus) : listed;
  }

  private static List<String> fromNvidiaSmi(String path) {
    Optional<Path> smi = onPath("nvidia-smi", path);
    if (smi.isEmpty()) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    Path out = null;
    try {
      // Through a file, so that a tool that hangs with its output open cannot block the doctor.
      out = Files.createTempFile("winnow-nvidia-smi", ".txt");
      Process p =
          new ProcessBuilder(smi.get().toString(), "-L")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of();
      }
      for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
        Matcher m = SMI_LINE.matcher(line.strip());
        if (m.matches()) {
          names.add(m.group(1));
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      deleteQuietly(out);
    }
    return names;
  }

  private static List<String> fromProc(Path procGpus) {
    if (!Files.isDirectory(procGpus)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> gpus = Files.list(procGpus)) {
      for (Path gpu : gpus.sorted().toList()) {
        names.add(model(gpu.resolve("information")).orElse("NVIDIA GPU at " + gpu.getFileName()));
      }
    } catch (IOException e) {
      return names;
    }
    return names;
  }

  private static Optional<String> model(Path information) {
    try (Stream<String> lines = Files.lines(information)) {
      return lines
          .map(l -> MODEL.matcher(l.strip()))
          .filter(Matcher::matches)
          .map(m -> m.group(1).strip())
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary file in the temporary folder: nothing to do
    }
  }

  private static Optional<Path> onPath(String tool, String path) {
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(s -> Path.of(s, tool))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
