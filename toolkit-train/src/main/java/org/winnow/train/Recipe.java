package org.winnow.train;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.winnow.nets.Architecture;

/**
 * How a run trains: the network, the length, the batch, the optimiser and the augmentations; fp32,
 * cross-entropy. {@link #defaults} is the stable recipe: ResNet-20, 15 epochs, batch 512, {@link
 * Sgd#defaults}, crop and flip.
 *
 * @param architecture the network
 * @param epochs passes over the training set, at least 1
 * @param batchSize samples per step (for {@code jest}: samples trained per step), at least 1
 * @param sgd the optimiser and its learning-rate schedule
 * @param augment the augmentations of training images
 */
public record Recipe(
    Architecture architecture, int epochs, int batchSize, Sgd sgd, Set<Augmentation> augment) {

  /** Default number of epochs. */
  public static final int DEFAULT_EPOCHS = 15;

  /** Default batch size. */
  public static final int DEFAULT_BATCH = 512;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public Recipe {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(sgd, "sgd");
    augment = augment.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(augment));
    if (epochs < 1) {
      throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("--batch-size must be at least 1, got " + batchSize);
    }
    if (sgd.warmupEpochs().isPresent()
        && !(sgd.warmupEpochs().getAsDouble() >= 0 && sgd.warmupEpochs().getAsDouble() <= epochs)) {
      throw new IllegalArgumentException("--warmup-epochs must be in [0, --epochs]");
    }
  }

  /** The stable recipe. */
  public static Recipe defaults() {
    return new Recipe(
        Architecture.RESNET20,
        DEFAULT_EPOCHS,
        DEFAULT_BATCH,
        Sgd.defaults(),
        EnumSet.of(Augmentation.CROP, Augmentation.FLIP));
  }

  /** With another architecture. */
  public Recipe withArchitecture(Architecture a) {
    return new Recipe(a, epochs, batchSize, sgd, augment);
  }

  /** With another number of epochs. */
  public Recipe withEpochs(int e) {
    return new Recipe(architecture, e, batchSize, sgd, augment);
  }

  /** With another batch size. */
  public Recipe withBatchSize(int b) {
    return new Recipe(architecture, epochs, b, sgd, augment);
  }

  /** With another optimiser. */
  public Recipe withSgd(Sgd s) {
    return new Recipe(architecture, epochs, batchSize, s, augment);
  }

  /** With other augmentations. */
  public Recipe withAugment(Set<Augmentation> a) {
    return new Recipe(architecture, epochs, batchSize, sgd, a);
  }

  /** Warm-up in epochs after applying the schedule's default. */
  public double warmupEpochs() {
    return sgd.warmupEpochs(epochs);
  }

  /** The manifest's entries for the recipe. */
  SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("arch", architecture.id());
    m.put("epochs", Integer.toString(epochs));
    m.put("batch_size", Integer.toString(batchSize));
    m.put("lr", Double.toString(sgd.learningRate()));
    m.put("momentum", Double.toString(sgd.momentum()));
    m.put("weight_decay", Double.toString(sgd.weightDecay()));
    m.put("schedule", sgd.schedule().id());
    m.put("warmup_epochs", Double.toString(warmupEpochs()));
    m.put(
        "augment",
        augment.stream().sorted().map(Augmentation::id).collect(Collectors.joining(",")));
    m.put("precision", "fp32");
    return m;
  }
}
