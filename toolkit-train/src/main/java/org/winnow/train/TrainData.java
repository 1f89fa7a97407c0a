package org.winnow.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.OpenOptions;
import org.winnow.nets.NetworkSpec;

/**
 * What a run trains and evaluates on: which dataset, which of its training samples, and at what
 * size the images reach the network.
 *
 * @param path the dataset folder
 * @param open how to open it (format, bad-image policy)
 * @param keep restrict training to these ids of the train split; empty for the whole split
 * @param imageSize the side of the square network input in pixels; images are resized (shorter
 *     side) and centre-cropped to it as they stream. Empty: the shorter side of the train split's
 *     first image (32 for CIFAR, 28 for MNIST). A binary split (IDX, CIFAR) at its own size is held
 *     on the device whole; at another size it streams like a folder
 * @param valFraction fraction of each class of the train split held out for validation, in [0, 1)
 */
public record TrainData(
    Path path,
    OpenOptions open,
    Optional<KeepIds> keep,
    OptionalInt imageSize,
    double valFraction) {

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public TrainData {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(keep, "keep");
    Objects.requireNonNull(imageSize, "imageSize");
    if (imageSize.isPresent() && imageSize.getAsInt() < NetworkSpec.MIN_IMAGE_SIZE) {
      throw new IllegalArgumentException(
          "--image-size must be at least "
              + NetworkSpec.MIN_IMAGE_SIZE
              + " px, got "
              + imageSize.getAsInt());
    }
    if (!(valFraction >= 0 && valFraction < 1)) {
      throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
    }
  }

  /** The whole train split of {@code path}, opened with the defaults, at its own size. */
  public static TrainData of(Path path) {
    return new TrainData(path, OpenOptions.defaults(), Optional.empty(), OptionalInt.empty(), 0);
  }

  /** With another dataset-open configuration. */
  public TrainData withOpen(OpenOptions o) {
    return new TrainData(path, o, keep, imageSize, valFraction);
  }

  /** With a keep set (empty for the whole train split). */
  public TrainData withKeep(Optional<KeepIds> k) {
    return new TrainData(path, open, k, imageSize, valFraction);
  }

  /** With another input size (empty: the first training image's shorter side). */
  public TrainData withImageSize(OptionalInt size) {
    return new TrainData(path, open, keep, size, valFraction);
  }

  /** With another validation fraction. */
  public TrainData withValFraction(double f) {
    return new TrainData(path, open, keep, imageSize, f);
  }

  /** The manifest's entries for the data. */
  SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("data", OptionText.text(path));
    m.put("format", open.format().map(f -> f.cliName()).orElse("auto"));
    m.put("on_bad_image", open.onBadImage().toString().toLowerCase(Locale.ROOT));
    m.put("keep", keep.map(k -> k.file().map(OptionText::text).orElse("(ids)")).orElse(""));
    m.put("keep_ids_sha256", keep.map(KeepIds::sha256).orElse(""));
    m.put("image_size", imageSize.isPresent() ? Integer.toString(imageSize.getAsInt()) : "auto");
    m.put("val_fraction", Double.toString(valFraction));
    return m;
  }
}
