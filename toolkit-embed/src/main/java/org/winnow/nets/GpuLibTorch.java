package org.winnow.nets;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.winnow.datasets.AtomicFiles;

/**
 * The CUDA build of libtorch that {@code winnow setup-gpu} ({@link GpuSetup}) fetched once, and the
 * record that makes every later process load it offline instead of the bundled CPU build.
 *
 * <p>How DJL 0.35.1 picks its native library: {@code PYTORCH_LIBRARY_PATH} (environment or system
 * property) wins; otherwise the {@code pytorch-native-cpu} jar on the classpath is unpacked and
 * used, and {@code PYTORCH_FLAVOR} is then ignored. Only without that jar does DJL download the
 * build {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} name into {@code
 * <ENGINE_CACHE_DIR>/pytorch/<version>-<flavor>-<classifier>}. So the record names that folder, and
 * {@link #apply} turns it into the three system properties {@code PYTORCH_LIBRARY_PATH}, {@code
 * PYTORCH_VERSION} and {@code PYTORCH_FLAVOR} before the engine loads; DJL then takes the matching
 * JNI library ({@code cu128}) from the bundled {@code pytorch-jni} jar, with no network.
 *
 * <p>The record is {@code libtorch.properties} in Winnow's configuration folder: the system
 * property {@code winnow.config.dir}, else {@code WINNOW_CONFIG_DIR}, else {@code
 * $XDG_CONFIG_HOME/winnow}, else {@code ~/.config/winnow}. A user who sets any of the three DJL
 * variables keeps full control: the record is then not applied.
 */
public final class GpuLibTorch {

  /** The libtorch version of the bundled {@code pytorch-jni}; DJL 0.35.1 has JNI for no other. */
  public static final String VERSION = "2.7.1";

  /** The CUDA flavour the bundled {@code pytorch-jni} has a JNI library for on Linux x86-64. */
  public static final String FLAVOR = "cu128";

  static final String LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
  static final String VERSION_KEY = "PYTORCH_VERSION";
  static final String FLAVOR_KEY = "PYTORCH_FLAVOR";

  /** The three variables DJL reads, any of which set by the user disables the record. */
  public static final List<String> DJL_VARIABLES = List.of(LIBRARY_PATH, VERSION_KEY, FLAVOR_KEY);

  private static final AtomicBoolean APPLIED = new AtomicBoolean();

  private GpuLibTorch() {}

  /**
   * A libtorch build recorded by {@code winnow setup-gpu}.
   *
   * @param library the folder holding its {@code libtorch.so}
   * @param version its libtorch version, e.g. {@code 2.7.1}
   * @param flavor its DJL flavour, e.g. {@code cu128}
   */
  public record Recorded(Path library, String version, String flavor) {

    /** Whether the folder still holds {@code libtorch.so}. */
    public boolean present() {
      return Files.isRegularFile(library.resolve("libtorch.so"));
    }

    /** {@code libtorch 2.7.1+cu128 in <folder>}. */
    public String describe() {
      return "libtorch " + version + "+" + flavor + " in " + library;
    }
  }

  /** Winnow's configuration folder (see the class comment). */
  public static Path configFolder() {
    String property = System.getProperty("winnow.config.dir");
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    String env = System.getenv("WINNOW_CONFIG_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("winnow");
  }

  /** The record's file. */
  public static Path recordFile() {
    return configFolder().resolve("libtorch.properties");
  }

  /**
   * The recorded build; empty when there is no record or it cannot be read (a damaged record is the
   * same as none: the bundled CPU build runs, and {@code winnow doctor} says so).
   */
  public static Optional<Recorded> read() {
    Path file = recordFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String library = p.getProperty("library", "");
    String version = p.getProperty("version", "");
    String flavor = p.getProperty("flavor", "");
    if (library.isBlank() || version.isBlank() || flavor.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new Recorded(Path.of(library), version, flavor));
  }

  /** Writes the record atomically: it is either the old one or the new one, never half. */
  public static void write(Recorded r) throws IOException {
    Properties p = new Properties();
    p.setProperty("library", r.library().toAbsolutePath().toString());
    p.setProperty("version", r.version());
    p.setProperty("flavor", r.flavor());
    StringWriter text = new StringWriter();
    p.store(text, "written by winnow setup-gpu; delete this file to go back to the CPU build");
    AtomicFiles.writeString(recordFile(), text.toString());
  }

  /**
   * Whether the user set any of DJL's own variables ({@code PYTORCH_LIBRARY_PATH}, {@code
   * PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}) as environment variables or system properties.
   */
  public static boolean userChoseLibrary() {
    return DJL_VARIABLES.stream()
        .anyMatch(k -> System.getenv(k) != null || System.getProperty(k) != null);
  }

  /**
   * Points DJL at the recorded build, unless the user chose a library or the recorded folder is
   * gone; once per process, before the engine loads ({@link OfflineDjl#apply} calls it).
   */
  static void apply() {
    if (!APPLIED.compareAndSet(false, true) || userChoseLibrary()) {
      return;
    }
    read()
        .filter(Recorded::present)
        .ifPresent(
            r -> {
              System.setProperty(LIBRARY_PATH, r.library().toString());
              System.setProperty(VERSION_KEY, r.version());
              System.setProperty(FLAVOR_KEY, r.flavor());
            });
  }
}
