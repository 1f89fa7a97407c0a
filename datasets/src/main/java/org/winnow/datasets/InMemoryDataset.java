package org.winnow.datasets;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dataset whose pixels are fully in memory, one {@link InMemoryImages} block per split: what the
 * CIFAR and IDX readers produce. Sample ids are {@code <split>/<index within split>}.
 */
public final class InMemoryDataset implements ImageDataset {

  private final Path root;
  private final DatasetFormat format;
  private final List<String> classNames;
  private final List<Sample> samples;
  private final Map<Split, InMemoryImages> images;
  private final List<String> notes;

  /**
   * Builds the dataset from per-split blocks.
   *
   * @param samples every sample, split by split, each split's samples in block order
   */
  public InMemoryDataset(
      Path root,
      DatasetFormat format,
      List<String> classNames,
      List<Sample> samples,
      Map<Split, InMemoryImages> images,
      List<String> notes) {
    this.root = Objects.requireNonNull(root, "root");
    this.format = Objects.requireNonNull(format, "format");
    this.classNames = List.copyOf(classNames);
    this.samples = List.copyOf(samples);
    this.images = new EnumMap<>(images);
    this.notes = List.copyOf(notes);
    for (Split s : Split.values()) {
      long expected = this.samples.stream().filter(x -> x.split() == s).count();
      InMemoryImages block = this.images.get(s);
      if ((block == null ? 0 : block.count()) != expected) {
        throw new IllegalArgumentException("split " + s.id() + ": sample and image counts differ");
      }
    }
  }

  /** The pixel block of one split, if the split is present. */
  public java.util.Optional<InMemoryImages> images(Split split) {
    return java.util.Optional.ofNullable(images.get(split));
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public DatasetFormat format() {
    return format;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public List<Sample> samples() {
    return samples;
  }

  @Override
  public Image decode(Sample sample) {
    return blockOf(sample).image(indexOf(sample));
  }

  @Override
  public ImageShape shape(Sample sample) {
    InMemoryImages block = blockOf(sample);
    indexOf(sample);
    return new ImageShape(block.channels(), block.height(), block.width());
  }

  private InMemoryImages blockOf(Sample sample) {
    InMemoryImages block = images.get(sample.split());
    if (block == null) {
      throw new DatasetException(root + ": no sample with id '" + sample.id() + "'");
    }
    return block;
  }

  private int indexOf(Sample sample) {
    InMemoryImages block = blockOf(sample);
    String id = sample.id();
    int slash = id.indexOf('/');
    int index;
    try {
      index = Integer.parseInt(id.substring(slash + 1));
    } catch (NumberFormatException e) {
      index = -1;
    }
    if (slash < 0 || index < 0 || index >= block.count()) {
      throw new DatasetException(root + ": no sample with id '" + id + "'");
    }
    return index;
  }

  @Override
  public List<String> notes() {
    return notes;
  }
}
