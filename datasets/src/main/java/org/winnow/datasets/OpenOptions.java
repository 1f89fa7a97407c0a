package org.winnow.datasets;

import java.util.Objects;
import java.util.Optional;

/**
 * How to open a dataset.
 *
 * @param format the format to use; empty to detect it from the path
 * @param onBadImage what folder readers do with unusable image files
 * @param color the channel layout folder images are converted to (binary formats keep their own)
 * @param verifyImages decode every folder image while opening, so that truncated or corrupt files
 *     are found up front (slow on large folders; binary formats are always checked in full)
 */
public record OpenOptions(
    Optional<DatasetFormat> format,
    BadImagePolicy onBadImage,
    ColorMode color,
    boolean verifyImages) {

  /** Validates the fields. */
  public OpenOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(onBadImage, "onBadImage");
    Objects.requireNonNull(color, "color");
  }

  /** Detect the format, fail on bad images, convert folder images to RGB. */
  public static OpenOptions defaults() {
    return new OpenOptions(Optional.empty(), BadImagePolicy.FAIL, ColorMode.RGB, false);
  }

  /** These options with the given format forced. */
  public OpenOptions withFormat(DatasetFormat f) {
    return new OpenOptions(Optional.of(f), onBadImage, color, verifyImages);
  }

  /** These options with the given bad-image policy. */
  public OpenOptions withOnBadImage(BadImagePolicy policy) {
    return new OpenOptions(format, policy, color, verifyImages);
  }

  /** These options with full decoding of folder images on open switched on or off. */
  public OpenOptions withVerifyImages(boolean verify) {
    return new OpenOptions(format, onBadImage, color, verify);
  }

  /** These options with the given colour mode for folder images. */
  public OpenOptions withColor(ColorMode mode) {
    return new OpenOptions(format, onBadImage, mode, verifyImages);
  }
}
