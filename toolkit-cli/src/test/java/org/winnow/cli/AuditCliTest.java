package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.folder.SyntheticFolders;

/** {@code winnow audit leakage}, run in-process. */
class AuditCliTest {

  @TempDir Path dir;

  private final EmbeddingSet train = SyntheticEmbeddings.gaussianClusters(3, 40, 12, 2, 0.7, 5);

  /** Test rows: 20 of another draw, then copies of train rows 7 and 50 (rows 20 and 21). */
  private EmbeddingSet test(int dim) {
    EmbeddingSet other = SyntheticEmbeddings.gaussianClusters(3, 7, dim, 2, 0.7, 6);
    List<String> ids = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ids.add("test/" + i);
      rows.add(other.vectors()[i]);
      labels.add(other.labels()[i]);
    }
    if (dim == train.dimension()) {
      ids.addAll(List.of("test/copy-7", "test/copy-50"));
      rows.add(train.vectors()[7].clone());
      rows.add(train.vectors()[50].clone());
      labels.addAll(List.of(train.labels()[7], (train.labels()[50] + 1) % 3));
    }
    return new EmbeddingSet(
        "test",
        ids,
        labels.stream().mapToInt(Integer::intValue).toArray(),
        train.classNames(),
        rows.toArray(float[][]::new),
        new TreeMap<>());
  }

  private Path[] files(int testDim) throws IOException {
    Path a = dir.resolve("train.h5");
    Path b = dir.resolve("test.h5");
    Hdf5EmbeddingsWriter.write(a, train);
    Hdf5EmbeddingsWriter.write(b, test(testDim));
    return new Path[] {a, b};
  }

  private static Result audit(Path[] files, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "leakage",
                "--embeddings",
                files[0].toString(),
                "--test-embeddings",
                files[1].toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  @Test
  void findsTheCopiedRowsAndGatesOnTheirCount() throws IOException {
    Path[] f = files(12);
    Path out = dir.resolve("audit");
    Result r = audit(f, out, "--threshold", "0.9999", "--fail-above", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("2 of 22 held-out samples have a train twin"), r.out());
    List<String> csv = Files.readAllLines(out.resolve("leakage.csv"));
    assertEquals("test_id,train_id,cosine,same_label,split", csv.get(0));
    assertEquals(3, csv.size(), csv.toString());
    assertTrue(csv.get(1).matches("test/copy-(7|50),train/(7|50),1\\.000000,(true|false),test"));
    assertTrue(
        csv.contains(
            csv.stream().filter(l -> l.startsWith("test/copy-7,")).findFirst().orElseThrow()));
    assertTrue(
        csv.stream()
            .anyMatch(l -> l.startsWith("test/copy-7,train/7,") && l.endsWith(",true,test")));
    assertTrue(
        csv.stream()
            .anyMatch(l -> l.startsWith("test/copy-50,train/50,") && l.endsWith(",false,test")));
    for (String file : List.of("summary.json", "manifest.json", "report.html")) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("test/copy-50") && html.contains("labels differ"), "the pairs");
    assertFalse(html.contains("<img"), "no --data: ids without images");
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"test_embeddings\""));

    Result gate = audit(f, out, "--threshold", "0.9999", "--fail-above", "1", "--overwrite");
    assertEquals(AuditLeakageCommand.GATE_FAILED, gate.code(), gate.err());
    assertEquals(
        "winnow: leakage: 2 twins, more than --fail-above 1 (see "
            + out.toAbsolutePath().normalize().resolve("leakage.csv")
            + ")\n",
        gate.err().replaceAll("(?m)^(nearest|thumbnails).*\\R", ""));
    assertTrue(Files.isRegularFile(out.resolve("leakage.csv")), "written all the same");
  }

  @Test
  void aLowerThresholdListsMorePairs() throws IOException {
    Path[] f = files(12);
    Result r = audit(f, dir.resolve("a"), "--threshold", "-0.99");
    assertEquals(0, r.code(), r.err());
    assertEquals(23, Files.readAllLines(dir.resolve("a/leakage.csv")).size());
  }

  @Test
  void embeddingsOfAnotherDimensionAreOneLineAndNoOutput() throws IOException {
    Path[] f = files(9);
    Path out = dir.resolve("audit");
    Result r = audit(f, out);
    assertEquals(1, r.code(), r.err());
    String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(
        last.startsWith("winnow: error: ")
            && last.contains("9-dimensional embeddings, but the train embeddings")
            && last.contains("12-dimensional"),
        r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void badOptionValuesAreUsageErrors() throws IOException {
    Path[] f = files(12);
    Path out = dir.resolve("audit");
    for (String[] bad :
        new String[][] {
          {"--threshold", "abc"},
          {"--threshold", "1.5"},
          {"--fail-above", "-1"},
          {"--model", "resnet20"},
        }) {
      Result r = audit(f, out, bad);
      assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
      assertTrue(r.err().startsWith("winnow: "), r.err());
      assertFalse(Files.exists(out));
    }
    Result none = WinnowCliTest.run("audit", "leakage", "--out", out.toString());
    assertEquals(2, none.code(), none.err());
    Result half =
        WinnowCliTest.run(
            "audit", "leakage", "--embeddings", f[0].toString(), "--out", out.toString());
    assertEquals(2, half.code(), half.err());
    assertFalse(Files.exists(out));
  }

  /**
   * With a model: every split of a folder dataset embedded in one pass; test images that are byte
   * copies of train images come back as twins of exactly those images, paths included.
   */
  @Test
  void withAModelCopiedImagesAreTwinsOfTheirOriginals() throws IOException {
    Path data = dir.resolve("data");
    List<Path> trainFiles = SyntheticFolders.writePngs(data.resolve("train"), 2, 6, 16, 1);
    SyntheticFolders.writePngs(data.resolve("test"), 2, 3, 16, 2);
    Files.copy(trainFiles.get(1), data.resolve("test/class0/copy-a.png"));
    Files.copy(trainFiles.get(10), data.resolve("test/class0/copy-b.png"));
    // a validation split is audited too, as its own split
    SyntheticFolders.writePngs(data.resolve("val"), 2, 2, 16, 3);
    Files.copy(trainFiles.get(7), data.resolve("val/class1/copy-c.png"));
    Path out = dir.resolve("audit");
    Result r =
        WinnowCliTest.run(
            "audit",
            "leakage",
            "--data",
            data.toString(),
            "--model",
            "resnet20",
            "--device",
            "cpu",
            "--threshold",
            "0.999999",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> csv = Files.readAllLines(out.resolve("leakage.csv"));
    assertEquals("test_id,train_id,cosine,same_label,split,test_path,train_path", csv.getFirst());
    assertTrue(
        csv.stream()
            .anyMatch(
                l ->
                    l.startsWith("test/class0/copy-a.png,train/class0/class0_1.png,")
                        && l.contains(",true,test,")
                        && l.endsWith(trainFiles.get(1).toAbsolutePath().toString())),
        csv.toString());
    assertTrue(
        csv.stream()
            .anyMatch(
                l ->
                    l.startsWith("test/class0/copy-b.png,train/class1/class1_4.png,")
                        && l.contains(",false,test,")),
        csv.toString());
    assertTrue(
        csv.stream()
            .anyMatch(
                l ->
                    l.startsWith("val/class1/copy-c.png,train/class1/class1_1.png,")
                        && l.contains(",true,val,")),
        csv.toString());
    assertTrue(r.out().contains(" of 13 held-out samples"), r.out());
    assertTrue(Files.readString(out.resolve("summary.json")).contains("\"val\": {"));
    assertTrue(Files.readString(out.resolve("report.html")).contains("<img src=\"data:image/png"));
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(
        manifest.contains("\"model\": \"resnet20\"") && manifest.contains("\"dataset\""), manifest);
  }
}
