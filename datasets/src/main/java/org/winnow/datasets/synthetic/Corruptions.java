package org.winnow.datasets.synthetic;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded damage to a valid file's bytes, for the fuzz tests every reader passes: truncations, bit
 * flips, and 4- or 8-byte words overwritten with zero, with all ones, or with a huge count (what a
 * size field looks like when it says 0 rows or 50 million). The same bytes and seed always give the
 * same cases, so a failing case is reproduced by its description alone.
 */
public final class Corruptions {

  /** One damaged copy of a file and how it was damaged ({@code "truncated to 37 bytes"}). */
  public record Case(String description, byte[] bytes) {}

  /**
   * What a reader made of the cases: how many it read, how many it refused as it should, and every
   * case where something else escaped (another exception type, or a message that is not one line),
   * described with what escaped.
   */
  public record Outcome(int read, int refused, List<String> escaped) {}

  /** Reads one file. */
  @FunctionalInterface
  public interface Reader {
    /** Reads {@code file}, throwing the reader's own exception when it refuses it. */
    void read(Path file) throws Exception;
  }

  private Corruptions() {}

  /**
   * Writes each of {@code count} cases of {@code valid} to {@code target} and reads it with {@code
   * reader}: the fuzz loop every reader's test shares.
   *
   * @param refusal the one exception type a refusal may have
   */
  public static Outcome check(
      Path target,
      byte[] valid,
      int count,
      long seed,
      Class<? extends Exception> refusal,
      Reader reader)
      throws IOException {
    int read = 0;
    int refused = 0;
    List<String> escaped = new ArrayList<>();
    for (Case c : of(valid, count, seed)) {
      Files.write(target, c.bytes());
      try {
        reader.read(target);
        read++;
      } catch (Exception | OutOfMemoryError | StackOverflowError e) {
        String m = e.getMessage();
        if (refusal.isInstance(e) && m != null && !m.isBlank() && !m.contains("\n")) {
          refused++;
        } else {
          escaped.add(target.getFileName() + " " + c.description() + ": " + e);
        }
      }
    }
    return new Outcome(read, refused, escaped);
  }

  /**
   * {@code count} damaged copies of {@code valid}: the first always truncate to 0 bytes and to
   * half, the rest draw a kind of damage at random.
   */
  public static List<Case> of(byte[] valid, int count, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Case> out = new ArrayList<>(count);
    out.add(new Case("truncated to 0 bytes", new byte[0]));
    out.add(new Case("truncated to half", Arrays.copyOf(valid, valid.length / 2)));
    while (out.size() < count && valid.length > 0) {
      out.add(one(valid, rnd));
    }
    return out;
  }

  private static Case one(byte[] valid, SplittableRandom rnd) {
    byte[] b = valid.clone();
    int at = rnd.nextInt(b.length);
    switch (rnd.nextInt(6)) {
      case 0 -> {
        int length = rnd.nextInt(b.length);
        return new Case("truncated to " + length + " bytes", Arrays.copyOf(b, length));
      }
      case 1 -> {
        int flips = 1 + rnd.nextInt(8);
        StringBuilder where = new StringBuilder();
        for (int i = 0; i < flips; i++) {
          int pos = rnd.nextInt(b.length);
          int bit = rnd.nextInt(8);
          b[pos] ^= (byte) (1 << bit);
          where.append(i == 0 ? "" : ",").append(pos).append('.').append(bit);
        }
        return new Case("bits flipped at " + where, b);
      }
      case 2 -> {
        return word(b, at, 0L, "zero");
      }
      case 3 -> {
        return word(b, at, -1L, "all ones");
      }
      case 4 -> {
        return word(b, at, 50_000_000L, "50,000,000");
      }
      default -> {
        byte v = (byte) rnd.nextInt(256);
        b[at] = v;
        return new Case("byte " + at + " set to " + (v & 0xff), b);
      }
    }
  }

  /** An 8-byte little-endian word (or what fits) at {@code at} set to {@code value}. */
  private static Case word(byte[] b, int at, long value, String what) {
    byte[] le = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    boolean big = (at & 1) == 1;
    int width = (at & 2) == 0 ? 4 : 8;
    for (int i = 0; i < width && at + i < b.length; i++) {
      b[at + i] = big ? le[width - 1 - i] : le[i];
    }
    String order = big ? "big-endian" : "little-endian";
    return new Case(width + "-byte " + order + " word at " + at + " set to " + what, b);
  }
}
