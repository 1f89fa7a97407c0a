package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a reference script in Debian's {@code /usr/bin/python3} (NumPy, SciPy, scikit-learn). The
 * test is skipped when that interpreter is missing, or when the script exits 3, which the scripts
 * do when an import fails; any other non-zero exit fails the test with the script's output.
 */
public final class PythonReference {

  private PythonReference() {}

  /** Skips the calling test when there is no {@code /usr/bin/python3}. */
  public static void requirePython() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/python3")), "skipped: no /usr/bin/python3");
  }

  /**
   * The standard output (and error) of {@code script} run with {@code args}.
   *
   * @param missing what the skip message says is missing when the script exits 3
   */
  public static String run(String script, String missing, String... args) throws Exception {
    requirePython();
    String[] command = new String[args.length + 3];
    command[0] = "/usr/bin/python3";
    command[1] = "-c";
    command[2] = script;
    System.arraycopy(args, 0, command, 3, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    Assumptions.assumeTrue(p.exitValue() != 3, "skipped: python3 has no " + missing);
    assertEquals(0, p.exitValue(), output);
    return output;
  }

  /**
   * A reference script: NumPy and {@code imports} (an import that fails exits 3, which skips the
   * test), {@code d} from the second argument, each of {@code matrices} read as float64 rows of
   * {@code d} from {@code NAME.f64} in the folder of the first argument, then {@code body}.
   */
  public static String script(List<String> imports, List<String> matrices, String... body) {
    List<String> lines = new ArrayList<>(List.of("import sys", "try:", "    import numpy as np"));
    imports.forEach(i -> lines.add("    " + i));
    lines.addAll(List.of("except ImportError:", "    sys.exit(3)", "d = int(sys.argv[2])"));
    for (String m : matrices) {
      lines.add(m + " = np.fromfile(sys.argv[1] + '/" + m + ".f64', dtype='<f8').reshape(-1, d)");
    }
    lines.addAll(List.of(body));
    return String.join("\n", lines);
  }

  /** Writes {@code rows} as the little-endian float64 {@code .f64} file a script reads. */
  public static void writeF64(Path file, double[][] rows) throws IOException {
    ByteBuffer b =
        ByteBuffer.allocate(rows.length * rows[0].length * Double.BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (double[] row : rows) {
      for (double v : row) {
        b.putDouble(v);
      }
    }
    Files.write(file, b.array());
  }

  /** Writes {@code rows}, widened to float64, as {@link #writeF64(Path, double[][])} does. */
  public static void writeF64(Path file, float[][] rows) throws IOException {
    double[][] wide = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      wide[i] = new double[rows[i].length];
      for (int j = 0; j < wide[i].length; j++) {
        wide[i][j] = rows[i][j];
      }
    }
    writeF64(file, wide);
  }
}
