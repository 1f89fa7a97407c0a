package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/** Runs the command line in-process, as the launcher does, and checks outputs and exit codes. */
class WinnowCliTest {

  @TempDir Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    // Surefire runs in toolkit-cli/; the bundled sample lives one level up, as under ./winnow.
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  record Result(int code, String out, String err) {}

  /** {@code winnow prune --method random --keep 0.5} from {@code embeddings} into {@code out}. */
  static Result pruneRandom(java.nio.file.Path embeddings, java.nio.file.Path out) {
    return run(
        "prune",
        "--embeddings",
        embeddings.toString(),
        "--method",
        "random",
        "--keep",
        "0.5",
        "--out",
        out.toString());
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Winnow.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void versionAndHelp() {
    Result v = run("--version");
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("winnow 0.1.0\nJava 25"), v.out());

    Result h = run("datasets", "inspect", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().contains("--on-bad-image"), h.out());
    assertTrue(h.out().contains("Examples:"), h.out());
  }

  @Test
  void noCommandPrintsUsageAsAUsageError() {
    Result r = run();
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Usage: winnow"), r.err());
  }

  @Test
  void unknownOptionsAndBadValuesAreUsageErrors() {
    Result r = run("datasets", "inspect", "--frobnicate");
    assertEquals(2, r.code());
    assertEquals(
        "winnow: Unknown option: '--frobnicate'\nTry 'winnow datasets inspect --help'.\n", r.err());

    Result f = run("datasets", "inspect", "--format", "tfrecord");
    assertEquals(2, f.code());
    assertTrue(
        f.err()
            .contains(
                "unknown dataset format 'tfrecord' (expected one of cifar10, cifar100, idx, folder)"),
        f.err());

    Result p = run("datasets", "inspect", "--on-bad-image", "ignore");
    assertEquals(2, p.code());
    assertTrue(p.err().contains("--on-bad-image"), p.err());
  }

  @Test
  void inspectsTheBundledSampleByDefault() {
    Result r = run("datasets", "inspect");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("(bundled sample)"), r.out());
    assertTrue(r.out().contains("Format   idx\n"), r.out());
    assertTrue(r.out().contains("Samples  2,500 in train 2,000, test 500\n"), r.out());
    assertTrue(
        r.out().contains("Images   28x28 (width x height), 1 channel (grayscale)\n"), r.out());
    assertTrue(r.out().contains("      9 Ankle boot        200        50\n"), r.out());
    assertTrue(r.out().contains("Bad files: none"), r.out());
  }

  @Test
  void aMissingPathIsOneLineAndExitCodeOne() {
    Path missing = dir.resolve("missing");
    Result r = run("datasets", "inspect", "--data", missing.toString());
    assertEquals(1, r.code());
    assertEquals("winnow: error: " + missing + ": no such file or directory\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aCorruptDatasetIsOneLineNamingTheFile() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 2, 2, 1);
    Files.write(dir.resolve("data_batch_4.bin"), new byte[10]);
    Result r = run("datasets", "inspect", "--data", dir.toString());
    assertEquals(1, r.code());
    assertTrue(
        r.err()
            .startsWith(
                "winnow: error: "
                    + dir.resolve("data_batch_4.bin").toAbsolutePath()
                    + ": truncated"),
        r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void subsampleWritesANewIdxDatasetAndRefusesOtherFormats() throws IOException {
    SyntheticBinaries.writeIdx(dir.resolve("full"), 40, 20, 5, 5, true, 2);
    Result ok =
        run(
            "datasets",
            "subsample",
            "--data",
            dir.resolve("full").toString(),
            "--train-per-class",
            "3",
            "--test-per-class",
            "1",
            "--seed",
            "9",
            "--out",
            dir.resolve("small").toString());
    assertEquals(0, ok.code(), ok.err());
    Result inspected = run("datasets", "inspect", "--data", dir.resolve("small").toString());
    assertTrue(inspected.out().contains("Samples  40 in train 30, test 10\n"), inspected.out());

    SyntheticBinaries.writeCifar10(dir.resolve("cifar"), 1, 10, 10, 1);
    Result bad =
        run(
            "datasets",
            "subsample",
            "--data",
            dir.resolve("cifar").toString(),
            "--train-per-class",
            "1",
            "--test-per-class",
            "1",
            "--out",
            dir.resolve("x").toString());
    assertEquals(1, bad.code());
    assertTrue(
        bad.err().endsWith("subsample reads IDX datasets only, this is cifar10\n"), bad.err());
    assertTrue(Files.notExists(dir.resolve("x")));
  }

  @Test
  void progressLinesShowRateAndEta() {
    assertEquals(
        "decode   [######..................]  25% 250/1,000  100/s  ETA 0:08",
        ConsoleProgress.render("decode", 250, 1000, 2.5, 100, false));
    assertEquals(
        "decode   [########################] 100% 1,000/1,000  50/s  done in 0:20",
        ConsoleProgress.render("decode", 1000, 1000, 20, 50, true));
    assertEquals("1:01:01", ConsoleProgress.clock(3661));
    // Slow work: an epoch of 4 steps at 7.5 s each, and no rate before the first step.
    assertEquals(
        "epoch 1  [######..................]  25% 1/4  7.5 s each  ETA 0:23",
        ConsoleProgress.render("epoch 1", 1, 4, 7.5, 1 / 7.5, false));
    assertEquals(
        "epoch 1  [........................]   0% 0/4",
        ConsoleProgress.render("epoch 1", 0, 4, 3, 0, false));
    assertEquals("  2.5/s", ConsoleProgress.rate(5, 2.5));
  }
}
