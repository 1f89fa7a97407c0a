package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;

/** {@code winnow embed} and {@code winnow embeddings inspect}, run in-process. */
class EmbedCliTest {

  @TempDir Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private static Result run(String... args) {
    return WinnowCliTest.run(args);
  }

  @Test
  void embedsTheBundledSampleAndInspectsTheFile() {
    Path out = dir.resolve("e.h5");
    Result r =
        run(
            "embed",
            "--model",
            "resnet20",
            "--split",
            "test",
            "--batch-size",
            "100",
            "--device",
            "cpu",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("Device   cpu()"), r.err());
    assertTrue(r.err().contains("embed"), r.err());
    assertTrue(r.out().contains("Shape    500 x 64 float32\n"), r.out());

    Result i = run("embeddings", "inspect", out.toString());
    assertEquals(0, i.code(), i.err());
    assertTrue(i.out().contains("Shape    500 x 64\n"), i.out());
    assertTrue(
        i.out().contains("Model    resnet20, random initialisation with seed 0 (not trained)\n"),
        i.out());
    assertTrue(i.out().contains("(idx, split test)"), i.out());
    assertTrue(i.out().contains("      9 Ankle boot              50\n"), i.out());
    assertTrue(
        i.out().contains("Manifest       {\n                 \"tool\": \"winnow embed\""), i.out());

    Result again = run("embed", "--model", "resnet20", "--out", out.toString());
    assertEquals(1, again.code());
    assertEquals(
        "winnow: error: " + out + ": already exists; pass --overwrite to replace it\n",
        again.err().lines().filter(l -> l.startsWith("winnow:")).findFirst().orElse("") + "\n");
  }

  @Test
  void badInputsAreOneLineWithExitCodeOne() throws IOException {
    Path missing = dir.resolve("nope.pt");
    Result m = run("embed", "--model", missing.toString(), "--out", dir.resolve("a.h5").toString());
    assertEquals(1, m.code());
    assertTrue(
        m.err().contains("winnow: error: " + missing + ": no such model file or folder"), m.err());

    Files.createDirectories(dir.resolve("empty"));
    Result c =
        run(
            "embed",
            "--model",
            dir.resolve("empty").toString(),
            "--out",
            dir.resolve("b.h5").toString());
    assertEquals(1, c.code());
    assertTrue(c.err().contains(": not a Winnow checkpoint"), c.err());

    Files.writeString(dir.resolve("blocker"), "x");
    Result w =
        run(
            "embed",
            "--model",
            "resnet20",
            "--split",
            "test",
            "--out",
            dir.resolve("blocker/e.h5").toString());
    assertEquals(1, w.code());
    assertTrue(w.err().contains("cannot write"), w.err());
    assertFalse(Files.exists(dir.resolve("a.h5")));

    Result i = run("embeddings", "inspect", dir.resolve("blocker").toString());
    assertEquals(1, i.code());
    assertTrue(
        i.err().startsWith("winnow: error: " + dir.resolve("blocker") + ": cannot read as HDF5"),
        i.err());
  }

  @Test
  void gpuWithoutAGpuIsOneLine() {
    Assumptions.assumeTrue(
        ai.djl.engine.Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
    Result g =
        run(
            "embed",
            "--model",
            "resnet20",
            "--device",
            "gpu",
            "--out",
            dir.resolve("g.h5").toString());
    assertEquals(1, g.code());
    assertTrue(g.err().contains("winnow: error: device gpu: DJL sees no GPU"), g.err());
  }

  @Test
  void usageErrors() {
    Result s = run("embed", "--model", "resnet20", "--split", "dev", "--out", "x.h5");
    assertEquals(2, s.code());
    assertTrue(s.err().contains("'--split': 'dev'"), s.err());
    Result m = run("embed", "--out", "x.h5");
    assertEquals(2, m.code());
    assertTrue(m.err().contains("--model"), m.err());
  }
}
