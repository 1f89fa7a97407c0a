package org.winnow.datasets.embeddings;

import java.util.Locale;
import org.winnow.datasets.DatasetException;

/**
 * The checks a reader makes on the sizes a file declares before it allocates for them: a set must
 * have rows, and must fit in the heap this JVM may grow to ({@link Runtime#maxMemory}). A damaged
 * or hostile header that declares 50,000,000 × 512 floats then gives one line naming the {@code
 * WINNOW_JAVA_OPTS} that would do, instead of an {@link OutOfMemoryError} part-way through.
 */
final class HeapCheck {

  /** Bytes a row costs besides its floats: an array header and the reference to it. */
  private static final long ROW_OVERHEAD = 16 + 8;

  /** Bytes a sample costs besides its row: its label and its id (a short string). */
  private static final long SAMPLE_OVERHEAD = 4 + 64;

  private static final double GIB = 1L << 30;

  private HeapCheck() {}

  /**
   * Refuses a set of {@code rows} × {@code dimension} floats that is empty or cannot fit.
   *
   * @throws DatasetException naming {@code source}, the memory the set needs and what Java may use
   */
  static void requireFits(String source, long rows, long dimension) {
    if (rows <= 0) {
      throw new DatasetException(
          source + ": holds no embeddings (0 rows); embed a dataset with at least one sample");
    }
    requireBytes(
        source,
        String.format(Locale.ROOT, "%,d x %,d embeddings", rows, dimension),
        (double) rows * (4.0 * dimension + ROW_OVERHEAD + SAMPLE_OVERHEAD));
  }

  /**
   * Refuses an array of {@code bytes} bytes that cannot fit in the heap.
   *
   * @param what what the file declares, for the message ({@code 2,000,000,000 labels})
   */
  static void requireBytes(String source, String what, double bytes) {
    long max = Runtime.getRuntime().maxMemory();
    if (bytes > max) {
      long suggest = (long) Math.ceil(bytes * 1.25 / GIB);
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: declares %s, which need about %.1f GiB of memory, more than the %.1f GiB Java"
                  + " may use here; rerun with WINNOW_JAVA_OPTS=-Xmx%dg on a machine with that"
                  + " much memory (or check that the file is not damaged)",
              source,
              what,
              bytes / GIB,
              max / GIB,
              suggest));
    }
  }
}
