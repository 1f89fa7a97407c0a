package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.folder.SyntheticFolders;

/**
 * Issue 12, items 1 and 2 through the CLI: no {@code --out} destroys or writes into an input,
 * {@code --overwrite} replaces only what Winnow wrote, and a second command on a claimed output
 * fails at once. Every refusal is one line, exit 1, and leaves every file as it was.
 */
class SafeOutputCliTest {

  @TempDir Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private Path dataset() {
    Path data = dir.resolve("data");
    SyntheticFolders.writePngs(data, 2, 4, 16, 1);
    return data;
  }

  /** Embeddings of 2 classes that record {@code data} as their dataset, as embed writes them. */
  private Path embeddingsOf(Path data) {
    EmbeddingSet s = SyntheticEmbeddings.gaussianClusters(2, 10, 4, 2, 0.5, 1);
    Path file = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(
        file, s.withAttribute(EmbeddingsHeader.DATASET_PATH, data.toAbsolutePath().toString()));
    return file;
  }

  /** Every file and folder under the temporary folder, with its bytes' hash. */
  private Map<String, Integer> snapshot() throws IOException {
    Map<String, Integer> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.toList()) {
        files.put(
            dir.relativize(p).toString(),
            Files.isRegularFile(p) ? java.util.Arrays.hashCode(Files.readAllBytes(p)) : 0);
      }
    }
    return files;
  }

  private void assertRefused(Map<String, Integer> before, Result r, String part)
      throws IOException {
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains(part), r.err());
    assertEquals(before, snapshot(), "nothing touched");
  }

  private static Result run(String... args) {
    return WinnowCliTest.run(args);
  }

  @Test
  void pruneNeverReplacesItsDatasetItsEmbeddingsOrAFolderWinnowDidNotWrite() throws IOException {
    Path data = dataset();
    Path emb = embeddingsOf(data);
    Path photos = Files.createDirectories(dir.resolve("photos"));
    Files.writeString(photos.resolve("cat.jpg"), "precious");
    Map<String, Integer> before = snapshot();
    List<String> prune =
        List.of("prune", "--embeddings", emb.toString(), "--method", "random", "--keep", "0.5");
    for (String[] c :
        List.of(
            new String[] {data.toString(), "is the input " + data},
            new String[] {emb.toString(), "is the input " + emb},
            new String[] {data.resolve("pruned").toString(), "lies inside the input " + data},
            new String[] {dir.toString(), "contains the input"},
            new String[] {photos.toString(), "not a pruning output Winnow wrote"})) {
      List<String> args = new ArrayList<>(prune);
      args.addAll(List.of("--out", c[0], "--overwrite"));
      assertRefused(before, run(args.toArray(String[]::new)), c[1]);
    }
    Path out = dir.resolve("pruned");
    List<String> args = new ArrayList<>(prune);
    args.addAll(List.of("--out", out.toString()));
    assertEquals(0, run(args.toArray(String[]::new)).code());
    args.add("--overwrite");
    Result again = run(args.toArray(String[]::new));
    assertEquals(0, again.code(), "Winnow's own output may be replaced: " + again.err());
    try (Stream<Path> s = Files.list(dir)) {
      assertTrue(
          s.noneMatch(p -> p.getFileName().toString().startsWith(".")),
          "a finished run leaves nothing hidden behind");
    }

    // report: never over the prune output it reads, nor over an HTML file it did not write.
    Path notes = Files.writeString(dir.resolve("notes.html"), "<p>mine</p>");
    Map<String, Integer> pruned = snapshot();
    for (String[] c :
        List.of(
            new String[] {out.resolve("summary.json").toString(), "is the input"},
            new String[] {notes.toString(), "not a report Winnow wrote"})) {
      assertRefused(
          pruned, run("report", "--prune", out.toString(), "--out", c[0], "--overwrite"), c[1]);
    }
  }

  @Test
  void embedTrainAndApplyNeverWriteIntoTheirInputs() throws IOException {
    Path data = dataset();
    Path keep =
        Files.writeString(dir.resolve("keep.csv"), "id,label,class_name\n" + firstId(data) + "\n");
    Map<String, Integer> before = snapshot();
    assertRefused(
        before,
        run(
            "embed",
            "--data",
            data.toString(),
            "--model",
            "resnet20",
            "--out",
            data.resolve("emb.h5").toString()),
        "lies inside the input " + data);
    assertRefused(
        before, trainOneEpoch(data, data.resolve("run")), "lies inside the input " + data);
    assertRefused(
        before,
        run("apply", "--keep", keep.toString(), "--data", data.toString(), "--out", keep + ""),
        "is the input " + keep);
  }

  @Test
  void aClaimedOutputIsRefusedAtOnceNamingItsHolder() throws Exception {
    Path data = dataset();
    Path emb = embeddingsOf(data);
    Path out = dir.resolve("pruned");
    Map<String, Integer> before;
    // Another thread holds the claim, as a second process would (OutputLockTest forks one).
    var claimed = new java.util.concurrent.CountDownLatch(1);
    var release = new java.util.concurrent.CountDownLatch(1);
    Thread holder =
        Thread.ofPlatform()
            .name("first-run")
            .start(
                () -> {
                  try (OutputLock claim = OutputLock.acquire(out)) {
                    claimed.countDown();
                    release.await();
                  } catch (Exception e) {
                    throw new RuntimeException(e);
                  }
                });
    claimed.await();
    try {
      before = snapshot();
      String holderNamed = "in use by another run (pid " + ProcessHandle.current().pid();
      assertRefused(before, pruneRandom(emb, out), holderNamed);
      assertRefused(before, trainOneEpoch(data, out), holderNamed);
      assertRefused(
          before,
          run(
              "curve",
              "--data",
              data.toString(),
              "--embeddings",
              emb.toString(),
              "--fractions",
              "0.5",
              "--out",
              out.toString()),
          holderNamed);
    } finally {
      release.countDown();
      holder.join();
    }
    Result r = pruneRandom(emb, out);
    assertEquals(0, r.code(), r.err());
  }

  private static Result pruneRandom(Path emb, Path out) {
    return WinnowCliTest.pruneRandom(emb, out);
  }

  private static Result trainOneEpoch(Path data, Path out) {
    return run(
        "train",
        "--data",
        data.toString(),
        "--device",
        "cpu",
        "--epochs",
        "1",
        "--out",
        out.toString());
  }

  private static String firstId(Path data) throws IOException {
    try (Stream<Path> s = Files.walk(data)) {
      Path f = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
      String cls = f.getParent().getFileName().toString();
      return data.relativize(f).toString().replace('\\', '/') + ",0," + cls;
    }
  }
}
