package org.winnow.prune.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.SamplePaths;
import org.winnow.prune.KeepList;

/**
 * Builds a pruned copy of a folder dataset: every id of a {@code keep.csv} is a path relative to
 * the source folder (the id scheme of folder datasets, e.g. {@code train/n01440764/x.JPEG}), and
 * the new folder gets the same relative paths. Every id is checked before anything is written; the
 * new folder is built under a hidden temporary name beside it and renamed into place when complete.
 *
 * <p>Class folders with no kept image are absent from the result, which shifts the labels a folder
 * reader assigns; keep-lists from {@code winnow prune} keep at least one sample per class.
 */
public final class KeepListApply {

  /** How many missing ids an error names before "and N more". */
  private static final int NAMED = 3;

  private KeepListApply() {}

  /** How a kept file gets into the new folder. */
  public enum Link {
    /** A hard link: no extra space, same file system only; editing it edits the source's file. */
    HARD,
    /** A symbolic link to the source file's absolute path. */
    SYM,
    /** An independent copy (the default). */
    COPY;

    /** Parses {@code hard}, {@code sym} or {@code copy}. */
    public static Link parse(String s) {
      for (Link l : values()) {
        if (l.name().equalsIgnoreCase(s)) {
          return l;
        }
      }
      throw new IllegalArgumentException(
          "unknown link mode '" + s + "' (expected hard, sym, copy)");
    }
  }

  /**
   * What to apply.
   *
   * @param keepList the {@code keep.csv}
   * @param source the folder dataset the ids are relative to
   * @param out the new folder
   * @param link how files get there
   * @param overwrite whether an existing {@code out} may be replaced
   */
  public record Request(Path keepList, Path source, Path out, Link link, boolean overwrite) {

    /** Validates the request. */
    public Request {
      Objects.requireNonNull(keepList, "keepList");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(out, "out");
      Objects.requireNonNull(link, "link");
    }
  }

  /**
   * Builds the new folder.
   *
   * @return the number of files placed
   * @throws DatasetException when the keep-list is unreadable or names files the source lacks
   * @throws IllegalArgumentException when the output exists or lies inside the source
   */
  public static int apply(Request r, Progress progress) throws IOException {
    List<KeepList.Entry> entries = KeepList.read(r.keepList());
    if (entries.isEmpty()) {
      throw new DatasetException(r.keepList() + ": the keep-list has a header but no samples");
    }
    if (!Files.isDirectory(r.source())) {
      throw new DatasetException(r.source() + ": no such folder");
    }
    Path source = r.source().toRealPath();
    Path out = r.out().toAbsolutePath().normalize();
    if (out.startsWith(source) || source.startsWith(out)) {
      throw new IllegalArgumentException(
          out + ": the output must lie outside the source folder " + source);
    }
    OutputGuard.check(out, List.of(r.keepList(), r.source()), r.overwrite(), copiesOf(source));
    if (Files.exists(out) && !r.overwrite()) {
      throw new IllegalArgumentException(out + ": already exists (pass --overwrite to replace it)");
    }
    try (OutputLock claim = OutputLock.acquire(out)) {
      return write(r, entries, source, out, progress);
    }
  }

  /**
   * What {@code --overwrite} may replace: a folder that only holds what an apply from {@code
   * source} puts there, so that deleting it loses nothing. Every file in it is a hard link to, a
   * symbolic link to, or a copy (same size and modification time: copies keep it) of the file at
   * the same relative path in the source; an empty folder qualifies. The output carries no marker
   * file, so the folder stays exactly the kept images.
   */
  static OutputGuard.Kind copiesOf(Path source) {
    return new OutputGuard.Kind(
        "keep-list copy of " + source,
        "file that is not a link to or copy of the same file in the source",
        dir -> {
          if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
          }
          try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .allMatch(p -> sameAsSource(p, source.resolve(dir.relativize(p).toString())));
          } catch (IOException | java.io.UncheckedIOException e) {
            return false;
          }
        });
  }

  private static boolean sameAsSource(Path file, Path original) {
    try {
      if (!Files.isRegularFile(original)) {
        return false;
      }
      if (Files.isSymbolicLink(file)) {
        return Files.isSameFile(Files.readSymbolicLink(file), original);
      }
      return Files.isSameFile(file, original)
          || (Files.size(file) == Files.size(original)
              && Files.getLastModifiedTime(file).equals(Files.getLastModifiedTime(original)));
    } catch (IOException e) {
      return false;
    }
  }

  private static int write(
      Request r, List<KeepList.Entry> entries, Path source, Path out, Progress progress)
      throws IOException {
    List<Path> files = resolve(r.keepList(), source, entries);
    Map<String, Sample> byId = new HashMap<>();
    Datasets.open(source).samples().forEach(s -> byId.put(s.id(), s));
    KeepList.requireLabelsAgree(r.keepList(), KeepList.labels(entries), byId);

    Path temp = AtomicFiles.tempSibling(out);
    progress.start("link", files.size());
    try {
      for (int i = 0; i < files.size(); i++) {
        Path target = temp.resolve(entries.get(i).id());
        Files.createDirectories(target.getParent());
        Path from = files.get(i);
        switch (r.link()) {
          case HARD -> Files.createLink(target, from);
          case SYM -> Files.createSymbolicLink(target, from);
          case COPY -> Files.copy(from, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        progress.advance(1);
      }
      AtomicFiles.replaceFolder(temp, out);
    } finally {
      AtomicFiles.deleteTree(temp);
    }
    progress.finish();
    return files.size();
  }

  /** The source file of every entry, after checking that all exist inside the source. */
  private static List<Path> resolve(Path keepList, Path source, List<KeepList.Entry> entries)
      throws IOException {
    List<Path> files = new ArrayList<>(entries.size());
    List<String> missing = new ArrayList<>();
    int missingCount = 0;
    for (KeepList.Entry e : entries) {
      Path rel = SamplePaths.relative(keepList, e.id(), "source folder").normalize();
      Path file = source.resolve(rel);
      if (!Files.isRegularFile(file)) {
        if (missingCount++ < NAMED) {
          missing.add("'" + e.id() + "'");
        }
        continue;
      }
      if (!file.toRealPath().startsWith(source)) {
        throw new DatasetException(
            keepList + ": id '" + e.id() + "' leads outside the source folder through a link");
      }
      files.add(file);
    }
    if (missingCount > 0) {
      throw new DatasetException(
          String.format(
              Locale.ROOT,
              "%s: %d id%s not in %s: %s%s (apply takes folder datasets, whose ids are paths)",
              keepList,
              missingCount,
              missingCount == 1 ? " is" : "s are",
              source,
              String.join(", ", missing),
              missingCount > NAMED ? " and " + (missingCount - NAMED) + " more" : ""));
    }
    return files;
  }
}
