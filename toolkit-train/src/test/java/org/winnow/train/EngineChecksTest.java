package org.winnow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.doctor.Check;

/** The doctor's DJL checks; surefire runs offline, with the bundled PyTorch CPU engine. */
class EngineChecksTest {

  @TempDir Path dir;

  @Test
  void theBundledEngineLoadsOfflineAndEveryCheckPasses() {
    List<Check> checks = EngineChecks.all();
    assertEquals(
        List.of("DJL engine", "device", "DJL cache", "engine cache", "offline mode"),
        checks.stream().map(Check::name).toList());
    checks.forEach(c -> assertTrue(c.ok(), c.toString()));
    assertTrue(checks.get(0).found().startsWith("PyTorch 2."), checks.get(0).found());
    assertTrue(checks.get(0).found().contains("(DJL 0.35"), checks.get(0).found());
  }

  @Test
  void offlineModeOffIsAProblemWithItsFix() {
    Check c = EngineChecks.offline(false);
    assertFalse(c.ok());
    assertTrue(c.fix().startsWith("set DJL_OFFLINE=true"), c.fix());
  }

  @Test
  void aCacheFolderThatCannotBeCreatedIsAProblem() throws IOException {
    assertTrue(EngineChecks.cacheFolder("DJL cache", dir.resolve("not/yet"), "DJL_CACHE_DIR").ok());
    Path file = Files.createFile(dir.resolve("a-file"));
    Check c = EngineChecks.cacheFolder("DJL cache", file.resolve("cache"), "DJL_CACHE_DIR");
    assertFalse(c.ok());
    assertEquals("set DJL_CACHE_DIR to a writable folder", c.fix());
  }

  @Test
  void noGpuIsNotAProblem() {
    Check c = EngineChecks.device(Device.cpu(), 0);
    assertTrue(c.ok());
    assertEquals(
        "cpu() by default, 0 GPUs visible to DJL (training and embedding run on the CPU)",
        c.found());
  }
}
