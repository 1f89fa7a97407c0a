package org.winnow.datasets.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks the helper against the FIPS 180-2 test vectors and its parts against each other. */
class Sha256Test {

  static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  static final String TWO_BLOCKS =
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

  @TempDir Path dir;

  @Test
  void matchesTheStandardsVectors() throws IOException {
    assertEquals(EMPTY, Sha256.of(new byte[0]));
    assertEquals(ABC, Sha256.of("abc".getBytes(StandardCharsets.US_ASCII)));
    String message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assertEquals(TWO_BLOCKS, new Sha256().update(message).hex());
    assertEquals(TWO_BLOCKS, Sha256.of(new ByteArrayInputStream(message.getBytes())));
  }

  @Test
  void piecesFilesStreamsAndReadingAgree() throws IOException {
    byte[] bytes = new byte[300_001];
    new SplittableRandom(3).nextBytes(bytes);
    Path file = Files.write(dir.resolve("x.bin"), bytes);
    String whole = Sha256.of(bytes);
    assertEquals(whole, Sha256.of(file));
    Sha256 pieces = new Sha256();
    pieces.update(java.util.Arrays.copyOf(bytes, 7));
    pieces.update(java.util.Arrays.copyOfRange(bytes, 7, bytes.length));
    assertEquals(whole, pieces.hex());
    assertEquals(EMPTY, pieces.hex(), "hex() starts a new digest");

    // A parser that reads part of a stream hashes exactly what it read.
    Sha256 reading = new Sha256();
    try (InputStream in = reading.reading(Files.newInputStream(file))) {
      assertEquals(1000, in.readNBytes(1000).length);
    }
    assertEquals(Sha256.of(java.util.Arrays.copyOf(bytes, 1000)), reading.hex());
    assertNotEquals(whole, Sha256.of(java.util.Arrays.copyOf(bytes, bytes.length - 1)));
  }

  @Test
  void textIsHashedAsUtf8() {
    assertEquals(
        Sha256.of("é\n".getBytes(StandardCharsets.UTF_8)), new Sha256().update("é\n").hex());
  }
}
