package org.winnow.datasets.folder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Split;

/**
 * A dataset folder's layout (split folders or not) and what a walk over its class folders finds
 * without decoding anything: the image files, the files that are visibly bad (wrong extension,
 * empty, unreadable) and the class folders with no image file.
 *
 * @param images image files, sorted by id
 * @param badFiles bad files and empty class folders, sorted by path
 * @param classFolders every class folder name seen, NFC, sorted
 * @param notes things the user should know, e.g. ignored files outside class folders
 */
record FolderScan(
    List<ImageFile> images, List<BadFile> badFiles, List<String> classFolders, List<String> notes) {

  /** Extensions, lower case, of the files that are read as images. */
  static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

  /** Folder names (lower case) that mark the split layout, and the split each stands for. */
  static final Map<String, Split> SPLIT_FOLDERS =
      Map.of(
          "train", Split.TRAIN,
          "val", Split.VAL,
          "valid", Split.VAL,
          "validation", Split.VAL,
          "test", Split.TEST);

  /** How many ignored files a note names before it only counts the rest. */
  private static final int NAMED_IN_NOTE = 5;

  /**
   * Walks {@code root}.
   *
   * @param root an absolute, normalized folder
   */
  static FolderScan of(Path root) {
    ClassFolderWalker walk = new ClassFolderWalker(root);
    List<Path> top = Datasets.visibleChildren(root);
    List<Path> dirs = top.stream().filter(Files::isDirectory).toList();
    List<Path> outside = new ArrayList<>(top.stream().filter(p -> !Files.isDirectory(p)).toList());
    List<String> splitNamed =
        dirs.stream().map(FolderScan::name).filter(n -> splitOf(n).isPresent()).toList();
    if (!dirs.isEmpty() && splitNamed.size() == dirs.size()) {
      for (Path splitDir : dirs) {
        Split split = splitOf(name(splitDir)).orElseThrow();
        List<Path> children = Datasets.visibleChildren(splitDir);
        List<Path> classDirs = children.stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
          walk.notes().add(name(splitDir) + "/ holds no class folders");
        }
        children.stream().filter(p -> !Files.isDirectory(p)).forEach(outside::add);
        classDirs.forEach(d -> walk.classFolder(split, d));
      }
    } else {
      if (!splitNamed.isEmpty()) {
        walk.notes()
            .add(
                "read "
                    + String.join(", ", splitNamed)
                    + " as class folders, not splits: the split layout needs every top-level folder"
                    + " to be train, val, valid, validation or test");
      }
      dirs.forEach(d -> walk.classFolder(Split.TRAIN, d));
    }
    walk.dropRepeatedLinks();
    if (!outside.isEmpty()) {
      walk.notes().add(ignoredNote(root, outside));
    }
    return new FolderScan(
        walk.images().stream().sorted(Comparator.comparing(ImageFile::id)).toList(),
        walk.badFiles().stream().sorted(Comparator.comparing(BadFile::path)).toList(),
        List.copyOf(walk.classFolders()),
        List.copyOf(walk.notes()));
  }

  /** The split a top-level folder name stands for, if any (case-insensitive). */
  static Optional<Split> splitOf(String folderName) {
    return Optional.ofNullable(SPLIT_FOLDERS.get(folderName.toLowerCase(Locale.ROOT)));
  }

  private static String ignoredNote(Path root, List<Path> files) {
    List<String> rel = files.stream().map(p -> relative(root, p)).sorted().toList();
    String named = String.join(", ", rel.subList(0, Math.min(rel.size(), NAMED_IN_NOTE)));
    String more =
        rel.size() > NAMED_IN_NOTE ? " and " + (rel.size() - NAMED_IN_NOTE) + " more" : "";
    return "ignored "
        + rel.size()
        + (rel.size() == 1 ? " file" : " files")
        + " outside class folders: "
        + named
        + more;
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  /** {@code p} relative to {@code root} with {@code /} separators, as the file system has it. */
  static String relative(Path root, Path p) {
    StringBuilder out = new StringBuilder();
    for (Path part : root.relativize(p)) {
      out.append(out.isEmpty() ? "" : "/").append(part);
    }
    return out.toString();
  }

  /**
   * NFC, so that a name has one id whether it was unpacked on a Mac (which may store decomposed
   * accents) or elsewhere.
   */
  static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1);
  }
}
