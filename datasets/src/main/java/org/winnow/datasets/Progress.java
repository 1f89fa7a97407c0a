package org.winnow.datasets;

/**
 * Receives progress of long work (decoding, embedding, clustering, epochs). Implementations must
 * accept {@link #advance} from several threads at once. The command line draws a bar with an ETA
 * from it; library code only reports.
 */
public interface Progress {

  /** A sink that ignores everything. */
  Progress NONE = onAdvance(amount -> {});

  /**
   * A sink that only runs {@code onAdvance} on every {@link #advance}, e.g. a test's pause or
   * failure part-way through the work.
   */
  static Progress onAdvance(java.util.function.LongConsumer onAdvance) {
    return new Progress() {
      @Override
      public void start(String stage, long total) {}

      @Override
      public void advance(long amount) {
        onAdvance.accept(amount);
      }

      @Override
      public void finish() {}
    };
  }

  /**
   * A stage begins.
   *
   * @param stage a short label, e.g. {@code "decode"}
   * @param total units of work in the stage, or -1 when unknown
   */
  void start(String stage, long total);

  /** {@code amount} more units are done. */
  void advance(long amount);

  /** The current stage is over. */
  void finish();
}
