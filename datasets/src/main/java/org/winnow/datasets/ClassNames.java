package org.winnow.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads the optional class-name files of binary formats ({@code batches.meta.txt} and kin). */
public final class ClassNames {

  private ClassNames() {}

  /**
   * Class names for labels {@code 0..labelCount-1}: the non-blank lines of {@code file} when it
   * exists, else the label numbers, with a line saying so added to {@code notes}.
   *
   * @throws DatasetException if the file lists too few or duplicate names, or cannot be read
   */
  public static List<String> readOrNumber(Path file, int labelCount, List<String> notes) {
    Optional<List<String>> named = read(file);
    if (named.isEmpty()) {
      notes.add("no " + file.getFileName() + ": classes are named by number");
      List<String> numbers = new ArrayList<>(labelCount);
      for (int i = 0; i < labelCount; i++) {
        numbers.add(Integer.toString(i));
      }
      return List.copyOf(numbers);
    }
    List<String> names = named.get();
    if (names.size() < labelCount) {
      throw new DatasetException(
          file
              + ": lists "
              + names.size()
              + " class names but the labels go up to "
              + (labelCount - 1));
    }
    return names;
  }

  /** The non-blank, trimmed lines of {@code file}, or empty when it does not exist. */
  private static Optional<List<String>> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new DatasetException(file + ": cannot read class names (" + e.getMessage() + ")", e);
    }
    List<String> names = lines.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new DatasetException(file + ": class name '" + n + "' appears twice");
      }
    }
    return Optional.of(names);
  }
}
