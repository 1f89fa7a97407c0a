package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.winnow.datasets.doctor.Check;

/** The doctor's BLAS check: surefire puts the build's OpenBLAS on LD_LIBRARY_PATH. */
class NativeBlasCheckTest {

  @Test
  void theBundledOpenBlasLoadsThroughTheLibraryPath() {
    Check c = NativeBlas.check();
    assertTrue(c.ok(), c.toString());
    assertEquals("native BLAS", c.name());
    assertTrue(
        c.found()
            .matches(
                "libopenblas\\.so loads from /.*/target/native/linux-x86_64/libopenblas\\.so"
                    + " \\(bundled by the build, through LD_LIBRARY_PATH\\)"),
        c.found());
  }

  @Test
  void aLibraryThatDoesNotLoadIsAProblemWithItsFix() {
    Check c = NativeBlas.check("winnow-no-such-blas");
    assertFalse(c.ok());
    assertTrue(c.found().startsWith("libwinnow-no-such-blas.so does not load"), c.found());
    assertTrue(c.fix().contains("WINNOW_BLAS=bundled"), c.fix());
    assertTrue(c.fix().contains("apt-get install libopenblas-dev"), c.fix());
  }
}
