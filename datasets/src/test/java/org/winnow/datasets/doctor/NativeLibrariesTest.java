package org.winnow.datasets.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NativeLibrariesTest {

  @Test
  void findsALibraryThisJvmHasLoaded() {
    // Every HotSpot JVM on Linux maps libjvm.so from its own home.
    Optional<Path> jvm = NativeLibraries.loaded("libjvm.so");
    assertTrue(jvm.isPresent());
    assertTrue(jvm.get().startsWith(Path.of(System.getProperty("java.home"))), jvm.toString());
    assertEquals(Optional.empty(), NativeLibraries.loaded("libwinnow-not-loaded.so"));
  }

  @Test
  void tellsWhetherALibraryIsOnTheLibraryPath() {
    Path lib = Path.of("/opt/blas/libopenblas.so");
    assertTrue(NativeLibraries.onLibraryPath(lib, "/usr/local/lib:/opt/blas/"));
    assertFalse(NativeLibraries.onLibraryPath(lib, "/opt"));
    assertFalse(NativeLibraries.onLibraryPath(lib, null));
    assertFalse(NativeLibraries.onLibraryPath(lib, ""));
  }
}
