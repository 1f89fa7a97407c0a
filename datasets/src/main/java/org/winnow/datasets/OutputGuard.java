package org.winnow.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingsHeader;

/**
 * The one check every command runs on its {@code --out} before it touches anything, so that no
 * output can destroy an input:
 *
 * <ul>
 *   <li>the output may not be, contain or lie inside any input (dataset root, embeddings file,
 *       keep-list, reference run, checkpoint) nor the dataset an input records (an embeddings
 *       file's {@code dataset_path}, see {@link #withRecordedDatasets});
 *   <li>{@code --overwrite} only replaces what Winnow wrote: an existing output must pass its
 *       {@link Kind}'s proof (e.g. a folder holding {@code summary.json}), or it is refused.
 * </ul>
 *
 * Paths are compared after resolving symbolic links, so a link to the dataset is the dataset. A
 * refusal is a {@link DatasetException} with one line; nothing has been written by then.
 */
public final class OutputGuard {

  private OutputGuard() {}

  /**
   * What a command writes, and the proof that an existing output is one Winnow wrote.
   *
   * @param what the output's name in messages, e.g. {@code "pruning output"}
   * @param proof the files that prove it, in words, e.g. {@code "summary.json"}
   * @param wroteIt true for an existing path that Winnow wrote as this kind of output
   */
  public record Kind(String what, String proof, Predicate<Path> wroteIt) {

    /**
     * A single-file output ({@code embed}'s {@code .h5}): {@code --overwrite} may replace a regular
     * file, which loses that file only, never a folder (the input rule keeps it off the inputs).
     */
    public static Kind regularFile(String what) {
      return new Kind(
          what, "regular file", file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * A folder that Winnow wrote when it holds one of {@code files} (relative paths), either at its
     * top or in one of its immediate sub-folders (a prune run with several fractions keeps {@code
     * keep-0.5/summary.json}).
     */
    public static Kind folderHolding(String what, String... files) {
      List<String> names = List.of(files);
      return new Kind(
          what,
          String.join(" or ", names),
          dir -> {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
              return false;
            }
            if (names.stream().anyMatch(n -> Files.isRegularFile(dir.resolve(n)))) {
              return true;
            }
            try (var subs = Files.list(dir)) {
              return subs.filter(s -> Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS))
                  .anyMatch(s -> names.stream().anyMatch(n -> Files.isRegularFile(s.resolve(n))));
            } catch (IOException e) {
              return false;
            }
          });
    }
  }

  /**
   * Refuses {@code out} when it is, contains or lies inside one of {@code inputs}, or when it
   * exists, {@code overwrite} is set and it is not a {@code kind} that Winnow wrote.
   *
   * @param inputs the paths the command reads (missing ones are compared as written)
   * @throws DatasetException with one line naming the output and the input or the missing proof
   */
  public static void check(Path out, Collection<Path> inputs, boolean overwrite, Kind kind) {
    Path target = canonical(out);
    for (Path input : inputs) {
      Path in = canonical(input);
      if (target.equals(in)) {
        throw refused(out, "is the input " + input);
      }
      if (in.startsWith(target)) {
        throw refused(out, "contains the input " + input);
      }
      if (target.startsWith(in)) {
        throw refused(out, "lies inside the input " + input);
      }
    }
    if (overwrite
        && Files.exists(out, LinkOption.NOFOLLOW_LINKS)
        && !kind.wroteIt().test(out.toAbsolutePath().normalize())) {
      throw new DatasetException(
          out
              + ": --overwrite refused: not a "
              + kind.what()
              + " Winnow wrote (no "
              + kind.proof()
              + "); delete it yourself or choose another --out");
    }
  }

  /**
   * What a command that writes one output folder from one input checks before any work: {@link
   * #check} against the input and the dataset it records, then an existing output is refused unless
   * {@code overwrite}.
   *
   * @throws IllegalArgumentException when {@code out} exists and {@code overwrite} is not set
   */
  public static void checkFresh(Path out, Path input, boolean overwrite, Kind kind) {
    checkFresh(out, List.of(input), overwrite, kind);
  }

  /**
   * As {@link #checkFresh(Path, Path, boolean, Kind)}, for a command that reads several inputs.
   *
   * @throws IllegalArgumentException when {@code out} exists and {@code overwrite} is not set
   */
  public static void checkFresh(Path out, Collection<Path> inputs, boolean overwrite, Kind kind) {
    check(out, withRecordedDatasets(inputs), overwrite, kind);
    if (Files.exists(out) && !overwrite) {
      throw new IllegalArgumentException(out + ": already exists (pass --overwrite to replace it)");
    }
  }

  /**
   * {@code inputs} plus the dataset folder each embeddings file among them records ({@code
   * dataset_path}); an input that is not a readable embeddings file adds nothing.
   */
  public static List<Path> withRecordedDatasets(Collection<Path> inputs) {
    List<Path> all = new ArrayList<>(inputs);
    for (Path input : inputs) {
      recordedDataset(input).ifPresent(all::add);
    }
    return all;
  }

  /** The dataset folder an embeddings file records, when it is one and records it. */
  public static Optional<Path> recordedDataset(Path embeddings) {
    if (!Files.isRegularFile(embeddings)) {
      return Optional.empty();
    }
    try {
      String p = EmbeddingSource.of(embeddings).attributes().get(EmbeddingsHeader.DATASET_PATH);
      return p == null || p.isBlank() ? Optional.empty() : Optional.of(Path.of(p));
    } catch (RuntimeException e) { // not an embeddings file, or malformed: its reader says so later
      return Optional.empty();
    }
  }

  /**
   * The absolute path with every symbolic link resolved: the longest existing prefix is resolved on
   * disk and the rest appended, so outputs that do not exist yet compare correctly.
   */
  static Path canonical(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    Path existing = abs;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return abs;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
    } catch (IOException e) {
      return abs;
    }
  }

  private static DatasetException refused(Path out, String why) {
    return new DatasetException(out + ": refusing this --out: it " + why);
  }
}
