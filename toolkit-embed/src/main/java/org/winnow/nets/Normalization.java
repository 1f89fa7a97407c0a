package org.winnow.nets;

import java.util.Arrays;
import java.util.Objects;

/**
 * How 8-bit pixels become network inputs: {@code (v / 255 - mean[c]) / std[c]} per channel. A
 * checkpoint records the one its network was trained with, so that embedding feeds it the same.
 *
 * @param mean per-channel mean subtracted after scaling to [0, 1]
 * @param std per-channel standard deviation divided by, each &gt; 0
 */
public record Normalization(float[] mean, float[] std) {

  /** Validates the fields and copies the arrays. */
  public Normalization {
    mean = Objects.requireNonNull(mean, "mean").clone();
    std = Objects.requireNonNull(std, "std").clone();
    if (mean.length != std.length || mean.length == 0) {
      throw new IllegalArgumentException("need one mean and one std per channel");
    }
    for (float s : std) {
      if (!(s > 0)) {
        throw new IllegalArgumentException("std must be > 0, got " + Arrays.toString(std));
      }
    }
  }

  /**
   * Winnow's fixed normalisation, 0.5 and 0.5 on every channel (inputs in [-1, 1]); what every
   * checkpoint written before normalisation was recorded was trained with.
   */
  public static Normalization half(int channels) {
    float[] h = new float[channels];
    Arrays.fill(h, 0.5f);
    return new Normalization(h, h);
  }

  /** Number of channels. */
  public int channels() {
    return mean.length;
  }

  /** A copy of the means. */
  @Override
  public float[] mean() {
    return mean.clone();
  }

  /** A copy of the standard deviations. */
  @Override
  public float[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Normalization n && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
  }
}
