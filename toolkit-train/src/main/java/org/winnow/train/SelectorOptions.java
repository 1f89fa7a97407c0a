package org.winnow.train;

import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import org.winnow.datasets.manifest.Manifest;

/**
 * The options of one per-batch selector: a record, validated in its compact constructor, read from
 * their text form by the static {@code of(Map)} that {@link BatchSelectors} registers, and written
 * back by {@link #describe}. It builds its selector when a run starts.
 */
public interface SelectorOptions {

  /** The options by manifest name, as text (absent inputs as {@code ""}). */
  SortedMap<String, String> describe();

  /**
   * Checks the options against the run's batch size.
   *
   * @throws IllegalArgumentException naming the option
   */
  default void checkBatchSize(int batchSize) {}

  /**
   * Checks, before a run reads anything, that the inputs this selector needs were given.
   *
   * @throws TrainingException naming the missing option
   */
  default void requireInputs() {}

  /** The files or folders the selector reads, as given, which the run's output may not touch. */
  default List<java.nio.file.Path> inputPaths() {
    return List.of();
  }

  /** The files the selector reads, for the run's manifest, each with the hash it declares. */
  default List<Manifest.Input> inputs() throws IOException {
    return List.of();
  }

  /**
   * The selector for a run.
   *
   * @throws TrainingException when an input is missing or does not fit the run
   */
  BatchSelector create(SelectorContext context);
}
