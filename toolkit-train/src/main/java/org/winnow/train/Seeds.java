package org.winnow.train;

/**
 * Derives independent random streams from the run's seed and a position (epoch, step, sample), so
 * that every random choice of a run is a pure function of where it happens. A resumed run therefore
 * needs no saved generator state to draw exactly what the uninterrupted run drew.
 */
final class Seeds {

  /** Stream tags, so that e.g. the shuffle and the augmentation of epoch 3 are unrelated. */
  static final long SHUFFLE = 1;

  static final long AUGMENT = 2;
  static final long SELECT = 3;
  static final long VALIDATION = 4;

  private Seeds() {}

  /** A well-mixed 64-bit seed from the parts (SplitMix64's finaliser applied after each). */
  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = finalise(h ^ finalise(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long finalise(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
