package org.winnow.prune;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.winnow.datasets.doctor.Check;
import org.winnow.datasets.doctor.NativeLibraries;
import smile.tensor.DenseMatrix;

/**
 * Whether the BLAS and LAPACK library Smile calls can be loaded, and from where: the one the build
 * unpacks into {@code target/native/linux-x86_64} (the launcher's default, {@code
 * WINNOW_BLAS=bundled}, through {@code LD_LIBRARY_PATH}) or the system's. Smile opens it by name,
 * {@code System.mapLibraryName(smile.lib.blas)}, {@code libopenblas.so} by default, so this looks
 * it up the same way.
 */
public final class NativeBlas {

  /** Symbols Winnow's linear algebra needs: the matrix product and the symmetric eigensolver. */
  static final List<String> SYMBOLS = List.of("cblas_dgemm", "dsyevd_");

  private static final String NAME = "native BLAS";

  private static final String FIX =
      "use WINNOW_BLAS=bundled (after ./mvnw package, which unpacks OpenBLAS into target/native),"
          + " or install libopenblas (Debian: apt-get install libopenblas-dev) and use"
          + " WINNOW_BLAS=system";

  private NativeBlas() {}

  /** The library name Smile loads: the {@code smile.lib.blas} property, else {@code openblas}. */
  public static String libraryName() {
    return System.getProperty("smile.lib.blas", "openblas");
  }

  /** Checks the library Smile will load, then runs a small matrix product through Smile. */
  public static Check check() {
    Check found = check(libraryName());
    if (!found.ok()) {
      return found;
    }
    try {
      double[][] a = {{1, 2}, {3, 4}};
      double product = DenseMatrix.of(a).mt(DenseMatrix.of(a)).get(1, 0);
      if (product != 11) {
        return Check.problem(NAME, found.found() + ", but Smile computed a wrong product", FIX);
      }
    } catch (RuntimeException | LinkageError e) {
      return Check.problem(NAME, found.found() + ", but Smile cannot call it: " + e, FIX);
    }
    return found;
  }

  /**
   * Looks up the library of this name as Smile does, and the symbols Winnow calls.
   *
   * @param name the library name without prefix and suffix, e.g. {@code openblas}
   */
  // Opening the library is the check itself; the launcher and surefire enable native access.
  @SuppressWarnings("restricted")
  public static Check check(String name) {
    String file = System.mapLibraryName(name);
    try (Arena arena = Arena.ofConfined()) {
      SymbolLookup library = SymbolLookup.libraryLookup(file, arena);
      String where = where(file);
      List<String> missing = SYMBOLS.stream().filter(s -> library.find(s).isEmpty()).toList();
      if (!missing.isEmpty()) {
        return Check.problem(NAME, file + " loads" + where + " but lacks " + missing, FIX);
      }
      return Check.ok(NAME, file + " loads" + where);
    } catch (IllegalArgumentException e) {
      return Check.problem(
          NAME, file + " does not load (not on LD_LIBRARY_PATH nor in the system's folders)", FIX);
    }
  }

  private static String where(String file) {
    Optional<Path> path = NativeLibraries.loaded(file);
    if (path.isEmpty()) {
      return "";
    }
    Path p = path.get();
    String how;
    if (p.getParent() != null
        && p.getParent().endsWith(Path.of("target", "native", "linux-x86_64"))) {
      how = "bundled by the build";
    } else {
      how = "the system's";
    }
    if (NativeLibraries.onLibraryPath(p, System.getenv("LD_LIBRARY_PATH"))) {
      how += ", through LD_LIBRARY_PATH";
    }
    return " from " + p + " (" + how + ")";
  }
}
