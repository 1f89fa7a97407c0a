package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.train.BatchSelectors;

/**
 * {@code winnow train}: help, and every bad input of the issue refused with one line and the right
 * exit code before any training starts.
 */
class TrainCliTest {

  @TempDir Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  private Result train(String... extra) {
    List<String> args = new ArrayList<>(List.of("train", "--device", "cpu"));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  private static void assertOneLineError(Result r, int code, String... parts) {
    assertEquals(code, r.code(), r.err());
    String first = r.err().lines().findFirst().orElse("");
    for (String p : parts) {
      assertTrue(first.contains(p), first);
    }
    if (code == 1) {
      assertTrue(first.startsWith("winnow: error: "), first);
      assertEquals(1, r.err().lines().count(), r.err());
    }
  }

  private Path keep(String... ids) throws IOException {
    Path f = dir.resolve("keep-" + ids.length + ".csv");
    StringBuilder sb = new StringBuilder("id,label,class_name\n");
    for (String id : ids) {
      sb.append(id).append(",0,T-shirt/top\n");
    }
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void helpHasExamples() {
    Result r = WinnowCliTest.run("train", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Examples:"), r.out());
    assertTrue(r.out().contains("--reference-model"), r.out());
  }

  /** {@code --help} lists every registered selector with its one-line description. */
  @Test
  void helpListsTheRegisteredSelectors() {
    Result r = WinnowCliTest.run("train", "--help");
    assertEquals(0, r.code());
    List<String> lines = r.out().lines().toList();
    for (BatchSelectors.Entry e : BatchSelectors.entries()) {
      assertTrue(
          lines.stream()
              .anyMatch(l -> l.strip().startsWith(e.name() + " ") && l.contains(e.description())),
          e.name() + " missing from:\n" + r.out());
    }
    assertTrue(r.out().contains("standard, saln, random-batch, jest"), r.out());
  }

  @Test
  void unknownSelectorAndChunksBeyondTheBatchAreUsageErrors() {
    Result unknown = train("--selector", "semantic", "--out", dir.resolve("run").toString());
    assertOneLineError(
        unknown, 2, "unknown selector 'semantic' (known: standard, saln, random-batch, jest)");
    Result chunks =
        train(
            "--selector",
            "jest",
            "--batch-size",
            "8",
            "--jest-chunks",
            "9",
            "--out",
            dir.resolve("run").toString());
    assertOneLineError(chunks, 2, "--jest-chunks must be at most --batch-size");
    Result zero = train("--jest-chunks", "0", "--out", dir.resolve("run").toString());
    assertOneLineError(zero, 2, "--jest-chunks must be at least 1");
  }

  @Test
  void keepListIdsNotInTheDatasetAreCountedAndNamed() throws IOException {
    Path out = dir.resolve("run");
    Result r =
        train("--keep", keep("train/0", "train/99999", "nope").toString(), "--out", out.toString());
    assertOneLineError(r, 1, "2 keep-list ids are not in the train split", "train/99999, nope");
    assertFalse(Files.exists(out.resolve("metrics.csv")));
  }

  @Test
  void duplicateKeepListIdsAreBadInput() throws IOException {
    Result r =
        train(
            "--keep",
            keep("train/0", "train/0").toString(),
            "--out",
            dir.resolve("run").toString());
    assertOneLineError(r, 1, "ids are not unique");
  }

  @Test
  void keepListLabelsThatDisagreeWithTheDatasetAreRefusedNamingTheIds() throws IOException {
    // the bundled sample's first train labels are 9, 2, 3; the keep-list says 0 for all three
    Path out = dir.resolve("run");
    Result r =
        train("--keep", keep("train/0", "train/1", "train/2").toString(), "--out", out.toString());
    assertOneLineError(
        r,
        1,
        "the label of 3 ids disagrees with the dataset: 'train/0' is 0 in the keep-list, 9"
            + " (Ankle boot) in the dataset, 'train/1' is 0 in the keep-list, 2 (Pullover)");
    assertFalse(Files.exists(out));
  }

  @Test
  void emptyTrainingSetAfterKeep() throws IOException {
    Result r = train("--keep", keep().toString(), "--out", dir.resolve("run").toString());
    assertOneLineError(r, 1, "the training set is empty after --keep");
  }

  @Test
  void testIdsInTheKeepListAreRefused() throws IOException {
    Result r = train("--keep", keep("test/3").toString(), "--out", dir.resolve("run").toString());
    assertOneLineError(r, 1, "1 keep-list id is not in the train split", "test/3");
  }

  @Test
  void filterRatioOutsideItsRangeIsAUsageError() {
    for (String ratio : List.of("1", "-0.1", "1.5")) {
      Result r = train("--filter-ratio", ratio, "--out", dir.resolve("run").toString());
      assertOneLineError(r, 2, "--filter-ratio must be in [0, 1)");
    }
  }

  @Test
  void imageSizeBelowTheSmallestNetworkInputIsAUsageError() {
    Result r = train("--image-size", "4", "--out", dir.resolve("run").toString());
    assertOneLineError(r, 2, "--image-size must be at least 8 px, got 4");
  }

  @Test
  void unknownArchitectureIsAUsageError() {
    Result r = train("--arch", "resnet999", "--out", dir.resolve("run").toString());
    assertOneLineError(r, 2, "unknown architecture 'resnet999'", "resnet18");
  }

  @Test
  void salnNeedsReferenceEmbeddingsOfThisDataset() throws IOException {
    Result r = train("--selector", "saln", "--out", dir.resolve("run").toString());
    assertOneLineError(r, 1, "--selector saln needs --reference-embeddings");

    Result missing =
        train(
            "--selector",
            "saln",
            "--reference-embeddings",
            dir.resolve("nope.h5").toString(),
            "--out",
            dir.resolve("run").toString());
    assertOneLineError(missing, 1, "nope.h5", "no such file");
  }

  @Test
  void jestNeedsAReferenceModel() {
    Result r = train("--selector", "jest", "--out", dir.resolve("run").toString());
    assertOneLineError(r, 1, "--selector jest needs --reference-model");

    Result missing =
        train(
            "--selector",
            "jest",
            "--reference-model",
            dir.resolve("nothing").toString(),
            "--keep",
            dir.resolve("k.csv").toString(),
            "--out",
            dir.resolve("run").toString());
    assertEquals(1, missing.code(), missing.err());
  }

  @Test
  void anExistingOutputFolderNeedsResume() throws IOException {
    Path out = dir.resolve("used");
    Files.createDirectories(out);
    Files.writeString(out.resolve("notes.txt"), "mine");
    Result r = train("--out", out.toString());
    assertOneLineError(r, 1, "output folder exists", "--resume");
    assertEquals("mine", Files.readString(out.resolve("notes.txt")));
  }
}
