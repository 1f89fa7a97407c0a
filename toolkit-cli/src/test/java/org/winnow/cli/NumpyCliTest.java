package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.NumpyEmbeddings;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/** The commands that read embeddings take NumPy files as they take HDF5. */
class NumpyCliTest {

  @TempDir Path dir;

  @Test
  void pruneGivesTheSameListsFromNpzNpyAndHdf5() throws IOException {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(3, 20, 8, 2, 0.5, 1);
    Path h5 = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(h5, set);
    Path npz = dir.resolve("emb.npz");
    NumpyEmbeddings.writeNpz(npz, set);
    Path npy = dir.resolve("npy/X.npy");
    NumpyEmbeddings.writeNpy(npy, set);
    // The same ids as lines instead of an array.
    Path txt = dir.resolve("txt/X.npy");
    NumpyEmbeddings.writeNpy(txt, set);
    Files.delete(txt.resolveSibling(NumpyEmbeddings.IDS_NPY));
    Files.writeString(
        txt.resolveSibling(NumpyEmbeddings.IDS_TXT), String.join("\n", set.ids()) + "\n");

    for (String method : List.of("semantic", "random", "saln")) {
      Path base = prune(h5, method);
      for (Path input : List.of(npz, npy, txt)) {
        Path out = prune(input, method);
        for (String f : List.of("keep-0.9/keep.csv", "keep-0.5/keep.csv", "keep-0.5/groups.csv")) {
          assertEquals(
              Files.readString(base.resolve(f)),
              Files.readString(out.resolve(f)),
              method + " " + input + " " + f);
        }
        JsonObject in =
            JsonParser.parseString(Files.readString(out.resolve("keep-0.5/summary.json")))
                .getAsJsonObject()
                .getAsJsonObject("manifest")
                .getAsJsonArray("inputs")
                .get(0)
                .getAsJsonObject();
        assertEquals(input.toAbsolutePath().normalize().toString(), in.get("path").getAsString());
        assertEquals(EmbeddingSource.of(input).sha256(), in.get("sha256").getAsString());
        assertTrue(in.get("index_sha256").isJsonNull(), in.toString());
      }
    }
  }

  @Test
  void zeroRowsAndAHugeDeclaredShapeAreOneLineAndWriteNothing() throws IOException {
    Path zero = dir.resolve("zero/X.npy");
    Files.createDirectories(zero.getParent());
    Files.write(zero, NpyHeaders.npy("<f4", "(0, 4)", 0));
    Files.write(zero.resolveSibling("labels.npy"), NpyHeaders.npy("<i4", "(0,)", 0));
    Path huge = dir.resolve("huge/X.npy");
    Files.createDirectories(huge.getParent());
    Files.write(huge, NpyHeaders.npy("<f4", "(50000000, 512)", 3 << 20));
    Files.write(huge.resolveSibling("labels.npy"), NpyHeaders.npy("<i4", "(1,)", 4));
    Path out = dir.resolve("out");
    for (Path input : List.of(zero, huge)) {
      Result r = WinnowCliTest.pruneRandom(input, out);
      assertEquals(1, r.code(), r.err());
      assertTrue(r.err().startsWith("winnow: error: " + input + ": "), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(
          r.err()
              .contains(input == zero ? "holds no embeddings (0 rows)" : "WINNOW_JAVA_OPTS=-Xmx"),
          r.err());
      assertFalse(Files.exists(out), "nothing written");
    }
    java.io.StringWriter err = new java.io.StringWriter();
    Winnow.internalError(
        new UnsatisfiedLinkError("no libtorch\nin path"), new java.io.PrintWriter(err, true));
    assertEquals(
        "winnow: internal error: UnsatisfiedLinkError: no libtorch in path (set WINNOW_DEBUG=1 for"
            + " the stack trace)\n",
        err.toString().replace(System.lineSeparator(), "\n"));
    assertEquals(
        "winnow: error: out of memory: Java may use 4 GiB here; rerun with"
            + " WINNOW_JAVA_OPTS=-Xmx8g (or more) on a machine with that much memory",
        Winnow.outOfMemory(4L << 30));
  }

  private Path prune(Path input, String method) {
    Path out = dir.resolve(input.getParent().getFileName() + "-" + input.getFileName() + method);
    Result r =
        WinnowCliTest.run(
            "prune",
            "--embeddings",
            input.toString(),
            "--method",
            method,
            "--keep",
            "0.9,0.5",
            "--batch-size",
            "8",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    return out;
  }

  @Test
  void inspectShowsANpzAndBadFilesAreOneLine() throws IOException {
    Path npz = dir.resolve("emb.npz");
    NumpyEmbeddings.writeNpz(npz, SyntheticEmbeddings.gaussianClusters(3, 20, 8, 2, 0.5, 1));
    Result r = WinnowCliTest.run("embeddings", "inspect", npz.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Shape    60 x 8\n"), r.out());
    assertTrue(r.out().contains("Model    (not recorded)\n"), r.out());
    assertTrue(r.out().contains("      1 class1                  20\n"), r.out());

    Path npy = dir.resolve("bad/X.npy");
    Files.createDirectories(npy.getParent());
    Files.writeString(npy, "not numpy");
    for (String[] command :
        new String[][] {
          {"embeddings", "inspect", npy.toString()},
          {
            "prune",
            "--embeddings",
            npy.toString(),
            "--method",
            "random",
            "--keep",
            "0.5",
            "--out",
            dir.resolve("out").toString()
          }
        }) {
      Result bad = WinnowCliTest.run(command);
      assertEquals(1, bad.code(), bad.err());
      assertEquals(
          "winnow: error: " + npy + ": not a NumPy .npy array (no \\x93NUMPY magic)\n", bad.err());
    }
  }
}
