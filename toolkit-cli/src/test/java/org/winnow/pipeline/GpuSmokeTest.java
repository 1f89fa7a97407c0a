package org.winnow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GpuSmoke}'s comparison and its tolerances, on numbers made to pass or fail. */
class GpuSmokeTest {

  private static final GpuSmoke.Tolerances T = GpuSmoke.Tolerances.defaults();

  private static GpuSmoke.DeviceRun run(String device, double accuracy) {
    return new GpuSmoke.DeviceRun(device, accuracy, 100, 1000);
  }

  @Test
  void identicalEmbeddingsAgreeFully() {
    float[][] a = {{1, 2, 3}, {0, 0, 0}, {-4, 5, 0.5f}};
    GpuSmoke.Agreement e = GpuSmoke.compare(a, a.clone());
    assertEquals(new GpuSmoke.Agreement(3, 1.0, 0.0, 5.0), e);
    assertEquals(List.of(), GpuSmoke.failures(run("cpu()", 0.5), run("gpu(0)", 0.5), e, T));
  }

  @Test
  void roundingSizedDifferencesPass() {
    float[][] a = {{1, 2, 3}, {-4, 5, 0.5f}};
    float[][] b = {{1.001f, 1.999f, 3.002f}, {-4.003f, 5.004f, 0.499f}};
    GpuSmoke.Agreement e = GpuSmoke.compare(a, b);
    assertTrue(e.minCosine() > 0.99999, e.toString());
    assertEquals(0.004, e.maxAbsDifference(), 1e-5);
    assertEquals(0.004 / 5, e.relativeDifference(), 1e-5);
    assertEquals(List.of(), GpuSmoke.failures(run("cpu()", 0.50), run("gpu(0)", 0.41), e, T));
  }

  @Test
  void eachToleranceNotMetIsOneLine() {
    float[][] a = {{1, 0}, {0, 1}};
    float[][] b = {{1, 0}, {0.1f, 1}}; // cosine 0.995, difference 0.1 of the largest entry
    GpuSmoke.Agreement e = GpuSmoke.compare(a, b);
    List<String> failures = GpuSmoke.failures(run("cpu()", 0.62), run("gpu(0)", 0.10), e, T);
    assertEquals(
        List.of(
            "test accuracies differ by 0.5200 (cpu() 0.6200, gpu(0) 0.1000), more than 0.1000",
            "an embedding row has cosine 0.995037 with its CPU counterpart, below 0.999000",
            "an embedding entry differs by 0.100, 0.1000 of the largest entry, more than 0.0200"),
        failures);
  }

  @Test
  void nanOrAZeroRowAgainstANonZeroOneNeverPasses() {
    float[][] a = {{1, 2}, {3, 4}};
    GpuSmoke.Agreement nan = GpuSmoke.compare(a, new float[][] {{1, 2}, {Float.NaN, 4}});
    assertEquals(3, GpuSmoke.failures(run("cpu()", 0.5), run("gpu(0)", Double.NaN), nan, T).size());
    GpuSmoke.Agreement zero = GpuSmoke.compare(a, new float[][] {{1, 2}, {0, 0}});
    assertTrue(
        GpuSmoke.failures(run("cpu()", 0.5), run("gpu(0)", 0.5), zero, T).stream()
            .anyMatch(l -> l.startsWith("an embedding row has cosine NaN")),
        zero.toString());
  }

  @Test
  void shapesMustMatch() {
    assertThrows(
        IllegalArgumentException.class,
        () -> GpuSmoke.compare(new float[][] {{1}}, new float[][] {{1}, {2}}));
    assertThrows(
        IllegalArgumentException.class,
        () -> GpuSmoke.compare(new float[][] {{1, 2}}, new float[][] {{1}}));
  }
}
