package org.winnow.datasets.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the dynamic linker found a native library that this process has loaded. */
public final class NativeLibraries {

  private static final Path MAPS = Path.of("/proc/self/maps");

  private NativeLibraries() {}

  /**
   * The file this process mapped for the library named {@code fileName} (e.g. {@code
   * libopenblas.so}), read from {@code /proc/self/maps}; empty when it is not loaded or the system
   * does not say (not Linux).
   */
  public static Optional<Path> loaded(String fileName) {
    if (!Files.isReadable(MAPS)) {
      return Optional.empty();
    }
    try (Stream<String> lines = Files.lines(MAPS)) {
      return lines
          .map(line -> line.indexOf('/') < 0 ? "" : line.substring(line.indexOf('/')))
          .filter(path -> path.endsWith("/" + fileName))
          .findFirst()
          .map(Path::of);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether {@code library} lies in one of the folders of {@code LD_LIBRARY_PATH}. */
  public static boolean onLibraryPath(Path library, String ldLibraryPath) {
    if (ldLibraryPath == null || ldLibraryPath.isBlank()) {
      return false;
    }
    Path folder = library.toAbsolutePath().normalize().getParent();
    return Stream.of(ldLibraryPath.split(":"))
        .filter(s -> !s.isBlank())
        .map(s -> Path.of(s).toAbsolutePath().normalize())
        .anyMatch(folder::equals);
  }
}
