package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * Reads a file written by {@link Embedder} with h5py, when {@code /usr/bin/python3} has it (Debian:
 * {@code apt-get install python3-h5py}; CI installs it), and compares every value bit for bit.
 */
class H5pyReadBackTest {

  static final String PYTHON = "/usr/bin/python3";

  @TempDir Path dir;

  static boolean h5pyAvailable() {
    if (!Files.isExecutable(Path.of(PYTHON))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import h5py").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static List<String> python(String script, String arg) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(PYTHON, "-c", script, arg).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.lines().toList();
  }

  @Test
  void h5pyReadsEveryDatasetAndAttribute() throws Exception {
    Assumptions.assumeTrue(
        h5pyAvailable(),
        "SKIPPED: " + PYTHON + " with h5py not found; install python3-h5py to run this check");
    SyntheticBinaries.writeIdx(dir.resolve("data"), 20, 5, 12, 12, false, 8);
    Path out = dir.resolve("e.h5");
    Embedder.embed(
        Datasets.open(dir.resolve("data")),
        EmbedOptions.defaults("resnet20")
            .withBatchSize(8)
            .withShardSize(8)
            .withDevice(DeviceChoice.CPU),
        out,
        "t",
        Progress.NONE);
    EmbeddingSet set = EmbeddingSource.of(out).read();

    String script =
        """
        import sys, h5py
        f = h5py.File(sys.argv[1], 'r')
        e = f['embeddings']
        print(e.dtype.str, *e.shape)
        print(f['labels'].dtype.str, *f['labels'][()])
        print(*f['ids'].asstr()[()])
        print('|'.join(f['class_names'].asstr()[()]))
        print(' '.join(str(v) for v in e[()].view('<u4').ravel()))
        for k in sorted(f.attrs):
            v = f.attrs[k]
            text = v.decode('utf-8') if isinstance(v, bytes) else str(v)
            print(k + '=' + text.replace('\\n', '\\\\n'))
        """;
    List<String> lines = python(script, out.toString());
    assertEquals("<f4 20 64", lines.get(0));
    List<String> labels = new ArrayList<>(List.of("<i4"));
    for (int l : set.labels()) {
      labels.add(Integer.toString(l));
    }
    assertEquals(String.join(" ", labels), lines.get(1));
    assertEquals(String.join(" ", set.ids()), lines.get(2));
    assertEquals(String.join("|", set.classNames()), lines.get(3));
    StringBuilder bits = new StringBuilder();
    for (float[] row : set.vectors()) {
      for (float v : row) {
        bits.append(bits.isEmpty() ? "" : " ")
            .append(Integer.toUnsignedString(Float.floatToRawIntBits(v)));
      }
    }
    assertEquals(bits.toString(), lines.get(4));
    for (String key :
        List.of(
            "model",
            "layer",
            "dataset_path",
            "dataset_format",
            "split",
            "created",
            "winnow_version",
            "index_sha256",
            "preprocessing",
            "manifest")) {
      String expected = key + "=" + set.attributes().get(key).replace("\n", "\\n");
      assertEquals(1, lines.stream().filter(expected::equals).count(), expected + " in " + lines);
    }
  }
}
