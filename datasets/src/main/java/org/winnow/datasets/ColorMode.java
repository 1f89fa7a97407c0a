package org.winnow.datasets;

/** The channel layout images of a folder dataset are converted to. */
public enum ColorMode {
  /** Three channels; grayscale sources are replicated into R, G and B. */
  RGB,
  /** One channel; colour sources are converted with ITU-R 601-2 luma, as PIL's {@code "L"}. */
  GRAY;

  /** 3 for RGB, 1 for GRAY. */
  public int channels() {
    return this == RGB ? 3 : 1;
  }
}
