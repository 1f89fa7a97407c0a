package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;
import smile.tensor.EVD;

/**
 * Runs a symmetric eigendecomposition through Smile, which calls LAPACK in {@code libopenblas.so}.
 * When no OpenBLAS can be loaded (neither the system's nor the one the build unpacks into
 * target/native), this fails the build instead of SALN failing at run time.
 */
class NativeBlasTest {

  @Test
  void symmetricEigenvaluesOfAPathGraphLaplacian() {
    // Laplacian of the path 0-1-2: eigenvalues 0, 1 and 3, Fiedler vector ~ (1, 0, -1).
    double[][] l = {{1, -1, 0}, {-1, 2, -1}, {0, -1, 1}};
    EVD evd = DenseMatrix.of(l).withUplo(UPLO.LOWER).eigen(false, true).sort();
    double[] values = new double[3];
    for (int i = 0; i < 3; i++) {
      values[i] = evd.wr().get(i);
    }
    Arrays.sort(values);
    assertArrayEquals(new double[] {0, 1, 3}, values, 1e-10);

    int fiedler = -1;
    for (int i = 0; i < 3; i++) {
      if (Math.abs(evd.wr().get(i) - 1) < 1e-9) {
        fiedler = i;
      }
    }
    DenseMatrix v = evd.Vr();
    assertEquals(0, v.get(1, fiedler), 1e-10);
    assertEquals(-v.get(0, fiedler), v.get(2, fiedler), 1e-10);
    assertEquals(1 / Math.sqrt(2), Math.abs(v.get(0, fiedler)), 1e-10);
  }
}
