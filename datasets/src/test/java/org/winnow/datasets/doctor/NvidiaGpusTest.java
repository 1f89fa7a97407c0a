package org.winnow.datasets.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NvidiaGpus} with a fake {@code nvidia-smi} and a fake {@code /proc} folder. */
class NvidiaGpusTest {

  @TempDir Path dir;

  private Path tool(String script) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private Path proc(String... models) throws IOException {
    Path gpus = Files.createDirectories(dir.resolve("gpus"));
    for (int i = 0; i < models.length; i++) {
      Path gpu = Files.createDirectories(gpus.resolve("0000:0" + i + ":00.0"));
      Files.writeString(gpu.resolve("information"), "Model: \t\t " + models[i] + "\nIRQ: 42\n");
    }
    return gpus;
  }

  @Test
  void nvidiaSmiListsTheGpusByName() throws IOException {
    Path bin =
        tool(
            "[ \"$1\" = -L ] || exit 9\n"
                + "echo 'GPU 0: NVIDIA H200 (UUID: GPU-1234)'\n"
                + "echo 'GPU 1: Tesla T4 (UUID: GPU-5678)'");
    assertEquals(
        List.of("NVIDIA H200", "Tesla T4"),
        NvidiaGpus.detect("/nonexistent:" + bin, dir.resolve("none")));
  }

  @Test
  void withoutTheToolTheDriversProcFolderCounts() throws IOException {
    Path gpus = proc("NVIDIA A100-SXM4-40GB");
    Files.createDirectories(gpus.resolve("0000:09:00.0")); // no information file
    assertEquals(
        List.of("NVIDIA A100-SXM4-40GB", "NVIDIA GPU at 0000:09:00.0"),
        NvidiaGpus.detect(dir.resolve("empty").toString(), gpus));
  }

  @Test
  void aFailingToolFallsBackToProcAndNothingMeansNone() throws IOException {
    Path bin = tool("echo 'NVIDIA-SMI has failed because it could not communicate' >&2; exit 9");
    assertEquals(List.of("NVIDIA H100"), NvidiaGpus.detect(bin.toString(), proc("NVIDIA H100")));
    assertEquals(List.of(), NvidiaGpus.detect(bin.toString(), dir.resolve("none")));
    assertEquals(List.of(), NvidiaGpus.detect(null, dir.resolve("none")));
  }

  @Test
  void aHangingToolCountsAsNoneWithinItsTimeout() throws IOException {
    Path bin = tool("exec sleep 120");
    long start = System.nanoTime();
    assertEquals(List.of(), NvidiaGpus.detect(bin.toString(), dir.resolve("none")));
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "the doctor waited for a hung tool");
  }
}
