package org.winnow.datasets.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 of Winnow, written as lower-case hex: of a file's bytes ({@link
 * Manifest.Input#sha256()}), of bytes or text, of a stream, or built up piece by piece (a dataset's
 * index, a set of ids). Every hash in a manifest, a checkpoint or a shard comes from here, so they
 * all mean the same thing.
 *
 * <pre>{@code
 * String file = Sha256.of(path);
 * String lines = new Sha256().update("a\n").update("b\n").hex();
 * }</pre>
 */
public final class Sha256 {

  private final MessageDigest digest;

  /** An empty digest, to {@link #update} and then read with {@link #hex()}. */
  public Sha256() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** Adds bytes. */
  public Sha256 update(byte[] bytes) {
    digest.update(bytes);
    return this;
  }

  /** Adds the UTF-8 bytes of {@code text}. */
  public Sha256 update(String text) {
    return update(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A stream that reads {@code in} and adds every byte read to this digest, so a file can be hashed
   * by the pass that parses it. Closing it closes {@code in}.
   */
  public InputStream reading(InputStream in) {
    return new DigestInputStream(in, digest);
  }

  /** The hex of everything added so far; the digest is then empty again. */
  public String hex() {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of {@code bytes}. */
  public static String of(byte[] bytes) {
    return new Sha256().update(bytes).hex();
  }

  /** The SHA-256 of the bytes that remain in {@code in}, read to its end (not closed). */
  public static String of(InputStream in) throws IOException {
    Sha256 sha = new Sha256();
    sha.reading(in).transferTo(OutputStream.nullOutputStream());
    return sha.hex();
  }

  /** The SHA-256 of the bytes of {@code file}, read as a stream. */
  public static String of(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return of(in);
    }
  }
}
