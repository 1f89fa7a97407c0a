package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/** {@code winnow advise}, run in-process as the launcher does. */
class AdviseCliTest {

  @TempDir Path dir;

  @Test
  void printsTheRecommendationAndWritesTheAdvice() throws IOException {
    Path emb = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(emb, SyntheticEmbeddings.gaussianClusters(3, 40, 8, 2, 0.3, 1));
    Path out = dir.resolve("advice");
    Result r =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--fractions",
            "0.5,0.25",
            "--trials",
            "2",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertTrue(
        lines[0].matches("Keep (100|50|25) % \\((semantic|random)\\): a linear probe .*"), r.out());
    assertTrue(lines[1].matches("  semantic +(1\\.0|0\\.5|0\\.25) \\(.*"), r.out());
    assertTrue(lines[2].matches("  random +(1\\.0|0\\.5|0\\.25) \\(.*"), r.out());
    assertEquals("-> " + out.toAbsolutePath().resolve("advice.json"), lines[3]);
    for (String f : new String[] {"advice.json", "advice.html", "probe.png", "probe.svg"}) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }

    Result exists =
        WinnowCliTest.run("advise", "--embeddings", emb.toString(), "--out", out.toString());
    assertEquals(1, exists.code());
    assertEquals(
        "winnow: error: "
            + out.toAbsolutePath()
            + ": already exists (pass --overwrite to replace it)\n",
        exists.err());

    Result tolerance =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--tolerance",
            "2",
            "--out",
            dir.resolve("x").toString());
    assertEquals(2, tolerance.code());
    assertTrue(
        tolerance.err().startsWith("winnow: --tolerance must be in [0, 1)"), tolerance.err());

    Path other = dir.resolve("other.h5");
    Hdf5EmbeddingsWriter.write(other, SyntheticEmbeddings.gaussianClusters(4, 5, 8, 1, 0.3, 3));
    Result classes =
        WinnowCliTest.run(
            "advise",
            "--embeddings",
            emb.toString(),
            "--test-embeddings",
            other.toString(),
            "--out",
            dir.resolve("x").toString());
    assertEquals(1, classes.code());
    assertEquals(1, classes.err().lines().count(), classes.err());
    assertTrue(classes.err().contains("its classes differ from the training embeddings'"));
    assertFalse(Files.exists(dir.resolve("x")));
  }
}
