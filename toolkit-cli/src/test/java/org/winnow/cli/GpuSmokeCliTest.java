package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.pipeline.GpuSmoke;

/**
 * {@code winnow doctor --gpu-smoke}: without a GPU it says so and exits 2; end to end it runs with
 * the CPU standing in for the GPU (a hidden option), where both sides must agree exactly.
 */
class GpuSmokeCliTest {

  @TempDir Path dir;

  @Test
  void withoutAGpuItSaysSoInOneLineAndExitsTwo() {
    assumeFalse(GpuSmoke.gpuAvailable(), "DJL sees a GPU here");
    WinnowCliTest.Result r = WinnowCliTest.run("doctor", "--gpu-smoke");
    assertEquals(2, r.code(), r.out() + r.err());
    assertEquals("", r.out());
    assertEquals(
        List.of(
            "winnow: doctor --gpu-smoke: DJL sees no GPU, so there is nothing to compare (on an"
                + " NVIDIA machine, run ./winnow setup-gpu first)"),
        r.err().lines().toList());
  }

  @Test
  void cpuAgainstCpuRunsEveryStageAndAgreesExactly() throws Exception {
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 40, 10, 12, 12, false, 5);
    WinnowCliTest.Result r =
        WinnowCliTest.run("doctor", "--gpu-smoke", "--smoke-device=cpu", "--smoke-data=" + data);
    assertEquals(0, r.code(), r.out() + r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "gpu smoke: resnet20, 2 epochs of batches of 128, seed 2026, on " + data, lines.get(0));
    assertEquals("  training on cpu() ...", lines.get(1));
    assertEquals("  embedding 10 test images on cpu() and on cpu() ...", lines.get(3));
    assertTrue(
        lines.get(4).matches("training   cpu\\(\\)    test accuracy 0\\.\\d{4} +[\\d,]+ img/s"),
        lines.get(4));
    // Same device, same seed: the same accuracy, and bit-identical embeddings.
    String accuracy = lines.get(4).replaceAll(".*test accuracy (0\\.\\d{4}).*", "$1");
    assertTrue(lines.get(5).contains("test accuracy " + accuracy), lines.get(5));
    assertTrue(lines.get(5).endsWith("difference 0.0000 (at most 0.1000)"), lines.get(5));
    assertTrue(lines.get(6).matches("embedding  cpu\\(\\) +[\\d,]+ img/s"), lines.get(6));
    assertTrue(
        lines
            .get(7)
            .endsWith(
                "10 rows: min cosine 1.000000 (at least 0.999000), max abs difference 0.00 ="
                    + " 0.00000 of the largest entry (at most 0.0200)"),
        lines.get(7));
    assertEquals("gpu smoke: passed", lines.get(8));
    assertEquals(9, lines.size(), r.out());
  }
}
