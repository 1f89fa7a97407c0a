package org.winnow.train;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Training-time augmentations, applied per sample with tensor ops on the training device (see
 * {@link DeviceImages}). The CIFAR recipe of Sharifi, <i>Optimizing Data Curation through Spectral
 * Analysis and Joint Batch Selection (SALN)</i>, 2024, §4, is crop and flip, optionally rotation
 * and colour jitter.
 */
public enum Augmentation {
  /** Random crop of the original size from the image padded by 4 px of zeros on each side. */
  CROP,
  /** Horizontal flip with probability 1/2. */
  FLIP,
  /** Rotation by an angle uniform in ±15°, nearest pixel, zeros outside. */
  ROTATE15,
  /** Brightness, contrast and (RGB) saturation each scaled by a factor uniform in [0.6, 1.4]. */
  JITTER;

  /** The name users type. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a comma-separated list such as {@code crop,flip}; {@code none} or empty is no
   * augmentation.
   *
   * @throws IllegalArgumentException naming an unknown augmentation
   */
  public static Set<Augmentation> parse(String list) {
    EnumSet<Augmentation> out = EnumSet.noneOf(Augmentation.class);
    for (String part : list.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty() || p.equals("none")) {
        continue;
      }
      try {
        out.add(valueOf(p.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown augmentation '" + part.strip() + "' (known: crop, flip, rotate15, jitter)", e);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return id();
  }
}
