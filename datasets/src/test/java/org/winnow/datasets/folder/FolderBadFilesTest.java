package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.winnow.datasets.folder.TestImages.open;
import static org.winnow.datasets.folder.TestImages.options;
import static org.winnow.datasets.folder.TestImages.png;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Sample;

class FolderBadFilesTest {

  @TempDir Path root;

  /** Puts one bad thing into a dataset folder. */
  @FunctionalInterface
  interface Setup {
    void make(Path root) throws IOException;
  }

  /**
   * One kind of bad file.
   *
   * @param path where it is, relative to the root
   * @param problem the problem reported, or its start when it ends with "("
   * @param needsDecoding whether only decoding finds it (verifyImages)
   */
  record Case(String name, String path, String problem, boolean needsDecoding, Setup setup) {
    @Override
    public String toString() {
      return name;
    }

    void assertProblem(String actual) {
      if (problem.endsWith("(")) {
        assertTrue(actual.startsWith(problem), actual);
        assertTrue(actual.length() > problem.length() + 1, "the detail is missing: " + actual);
      } else {
        assertEquals(problem, actual);
      }
    }
  }

  static Stream<Case> cases() {
    byte[] jpeg = TestImages.encode(TestImages.noise(64, 48, 1), "jpeg");
    byte[] pngBytes = TestImages.encode(TestImages.noise(64, 48, 2), "png");
    byte[] noise = new byte[2000];
    new Random(3).nextBytes(noise);
    return Stream.of(
        new Case(
            "zero-byte file",
            "c/empty.png",
            "zero-byte file",
            false,
            r -> TestImages.bytes(r, "c/empty.png", new byte[0])),
        new Case(
            "non-image file",
            "c/notes.txt",
            "not an image file (extension .txt)",
            false,
            r -> TestImages.bytes(r, "c/notes.txt", "hello".getBytes(StandardCharsets.UTF_8))),
        new Case(
            "file without extension",
            "c/README",
            "not an image file (no extension)",
            false,
            r -> TestImages.bytes(r, "c/README", "hello".getBytes(StandardCharsets.UTF_8))),
        new Case(
            "broken symbolic link",
            "c/gone.jpg",
            "unreadable (broken symbolic link)",
            false,
            r -> Files.createSymbolicLink(r.resolve("c/gone.jpg"), r.resolve("c/missing.jpg"))),
        new Case(
            "empty class folder",
            "d",
            "empty class folder (no image files)",
            false,
            r -> TestImages.bytes(r, "d/.hidden.png", pngBytes)),
        new Case(
            "truncated PNG",
            "c/half.png",
            "truncated or corrupt image (",
            true,
            r -> TestImages.bytes(r, "c/half.png", TestImages.firstHalf(pngBytes))),
        new Case(
            "truncated JPEG",
            "c/half.jpg",
            "truncated or corrupt image (",
            true,
            r -> TestImages.bytes(r, "c/half.jpg", TestImages.firstHalf(jpeg))),
        new Case(
            "image over the pixel limit",
            "c/huge.png",
            "image too large (20000x10000 pixels, the limit is 178956970)",
            true,
            r -> TestImages.bytes(r, "c/huge.png", pngHeader(20000, 10000))),
        new Case(
            "corrupt bytes with an image extension",
            "c/noise.jpeg",
            "unrecognised image data (not JPEG, PNG, GIF, BMP or TIFF)",
            true,
            r -> TestImages.bytes(r, "c/noise.jpeg", noise)));
  }

  /** The start of an RGB PNG of the given size: enough for a decoder to read the size. */
  private static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII));
    ihdr.putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0});
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    return ByteBuffer.allocate(8 + 4 + 17 + 4)
        .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})
        .putInt(13)
        .put(ihdr.array())
        .putInt((int) crc.getValue())
        .array();
  }

  /** A good image in class c and the bad case. */
  private void fixture(Case c) throws IOException {
    png(root, "c/good.png");
    c.setup().make(root);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void failNamesTheFileAndTheProblem(Case c) throws IOException {
    fixture(c);

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> open(root, options(BadImagePolicy.FAIL, c.needsDecoding())));

    String message = e.getMessage();
    String head = root.resolve(c.path()) + ": ";
    String tail = " (--on-bad-image skip leaves it out)";
    assertTrue(message.startsWith(head), message);
    assertTrue(message.endsWith(tail), message);
    c.assertProblem(message.substring(head.length(), message.length() - tail.length()));
    assertEquals(1, message.lines().count());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void skipLeavesTheFileOutAndListsIt(Case c) throws IOException {
    fixture(c);

    FolderDataset ds = open(root, options(BadImagePolicy.SKIP, c.needsDecoding()));

    assertEquals(List.of("c/good.png"), ds.samples().stream().map(Sample::id).toList());
    assertEquals(List.of("c"), ds.classNames());
    assertEquals(1, ds.badFiles().size());
    BadFile bad = ds.badFiles().getFirst();
    assertEquals(c.path(), bad.path());
    c.assertProblem(bad.problem());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void withoutVerificationOnlyDecodingFindsDamagedImages(Case c) throws IOException {
    fixture(c);

    if (!c.needsDecoding()) {
      // Scan-time checks run with verification off too.
      DatasetException e =
          assertThrows(
              DatasetException.class, () -> open(root, options(BadImagePolicy.FAIL, false)));
      assertTrue(e.getMessage().startsWith(root.resolve(c.path()) + ": "), e.getMessage());
      return;
    }
    FolderDataset ds = open(root, options(BadImagePolicy.FAIL, false));
    Sample damaged =
        ds.samples().stream().filter(s -> s.id().equals(c.path())).findFirst().orElseThrow();

    DatasetException e = assertThrows(DatasetException.class, () -> ds.decode(damaged));

    String head = root.resolve(c.path()) + ": ";
    assertTrue(e.getMessage().startsWith(head), e.getMessage());
    c.assertProblem(e.getMessage().substring(head.length()));
  }

  @Test
  void failCountsEveryBadFileAndNamesTheFirstInPathOrder() throws IOException {
    byte[] truncated = TestImages.firstHalf(TestImages.encode(TestImages.noise(32, 32, 4), "png"));
    png(root, "b/good.png");
    TestImages.bytes(root, "c/zz.png", truncated);
    TestImages.bytes(root, "b/notes.txt", new byte[] {1});
    TestImages.bytes(root, "c/aa.png", new byte[0]);
    TestImages.bytes(root, "a/half.png", truncated);
    Files.createDirectories(root.resolve("e"));

    DatasetException e =
        assertThrows(DatasetException.class, () -> open(root, options(BadImagePolicy.FAIL, true)));

    // Decoding finds a/half.png, which comes before the scan's first find, b/notes.txt.
    assertTrue(
        e.getMessage().startsWith(root.resolve("a/half.png") + ": truncated or corrupt image ("),
        e.getMessage());
    assertTrue(
        e.getMessage().endsWith(" (5 bad files in all; --on-bad-image skip leaves them out)"),
        e.getMessage());
  }

  @Test
  void skipDropsClassesWithNoImageLeftAndKeepsClassesEmptyInOneSplitOnly() throws IOException {
    png(root, "train/cat/1.png");
    png(root, "train/dog/2.png");
    Files.createDirectories(root.resolve("val/dog"));
    png(root, "val/cat/3.png");
    Files.createDirectories(root.resolve("val/emu"));
    TestImages.bytes(root, "train/fox/empty.jpg", new byte[0]);

    FolderDataset ds = open(root, options(BadImagePolicy.SKIP, true));

    assertEquals(List.of("cat", "dog"), ds.classNames());
    assertEquals(
        List.of(
            new BadFile("train/fox/empty.jpg", "zero-byte file"),
            new BadFile("val/dog", "empty class folder (no image files)"),
            new BadFile("val/emu", "empty class folder (no image files)")),
        ds.badFiles());
    assertEquals(List.of("left out classes with no usable image: emu, fox"), ds.notes());
  }

  @Test
  void skipWithNothingLeftIsAnError() throws IOException {
    TestImages.bytes(root, "c/empty.png", new byte[0]);

    DatasetException e =
        assertThrows(DatasetException.class, () -> open(root, options(BadImagePolicy.SKIP, false)));

    assertEquals(root + ": no images found in class folders", e.getMessage());
  }

  @Test
  void aFileWithoutReadPermissionIsUnreadable() throws IOException {
    png(root, "c/good.png");
    Path secret = png(root, "c/secret.png");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(secret), "running as root: permissions do not stop reads");

    FolderDataset ds = open(root, options(BadImagePolicy.SKIP, false));

    assertEquals(
        List.of(new BadFile("c/secret.png", "unreadable (permission denied)")), ds.badFiles());
  }
}
