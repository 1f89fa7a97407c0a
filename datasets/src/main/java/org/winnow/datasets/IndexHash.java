package org.winnow.datasets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a dataset's index: class names, then one line {@code id \t label \t split} per
 * sample, in dataset order. Two opens of the same data give the same hash on any machine, so later
 * stages can refuse inputs computed from a different index.
 */
public final class IndexHash {

  private IndexHash() {}

  /** The lower-case hex SHA-256 of the index of {@code dataset}. */
  public static String of(ImageDataset dataset) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    for (String name : dataset.classNames()) {
      md.update(("class\t" + name + "\n").getBytes(StandardCharsets.UTF_8));
    }
    for (Sample s : dataset.samples()) {
      md.update(
          (s.id() + "\t" + s.label() + "\t" + s.split().id() + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
