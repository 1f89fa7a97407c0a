package org.winnow.datasets.folder;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.Split;

/**
 * Walks class folders one after another, collecting their image files, their visibly bad files
 * (wrong extension, empty, unreadable) and the class folders that hold no image file. Lists come
 * out in walk order; {@link FolderScan} sorts them.
 *
 * <p>Symbolic links to folders are followed, but every real folder is read once and in its own
 * class: a link to a folder of the dataset itself (a parent, the root, another class folder or a
 * folder inside one) is ignored with a note, since that folder is read where it really is; a folder
 * outside the dataset reached through several links is read through the first of them by path only.
 * Without this, {@code a/up -> ..} made every image of class b count as class a too.
 */
final class ClassFolderWalker implements FileVisitor<Path> {

  private final Path root;
  private final Path realRoot;

  /** Folders outside the dataset reached through links: real path to the links' paths, sorted. */
  private final Map<Path, TreeSet<String>> linkedFolders = new TreeMap<>();

  private final List<ImageFile> images = new ArrayList<>();
  private final List<BadFile> bad = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<String> classFolders = new TreeSet<>();
  private Split split;
  private String className;
  private Path classDir;
  private int imageFilesInClass;
  private boolean classDirUnreadable;

  ClassFolderWalker(Path root) {
    this.root = root;
    this.realRoot = realPath(root);
  }

  /** Walks one class folder of one split. */
  void classFolder(Split s, Path dir) {
    if (Files.isSymbolicLink(dir) && isInsideTheDataset(realPath(dir))) {
      notes.add(
          "ignored "
              + FolderScan.relative(root, dir)
              + ": a symbolic link to a folder of the dataset itself, read where it is");
      return;
    }
    split = s;
    classDir = dir;
    className = FolderScan.nfc(name(dir));
    classFolders.add(className);
    imageFilesInClass = 0;
    classDirUnreadable = false;
    try {
      // Following links lets a class folder be assembled from links; the walker reports
      // cycles to visitFileFailed, and a broken link to visitFile with the link's attributes.
      Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, this);
    } catch (IOException e) {
      unreadable(dir, e);
    }
    // An unreadable folder is reported as that, not also as empty.
    if (imageFilesInClass == 0 && !classDirUnreadable) {
      bad(dir, Problems.EMPTY_CLASS);
    }
  }

  @Override
  public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
    if (dir.equals(classDir)) {
      return FileVisitResult.CONTINUE;
    }
    if (hidden(dir)) {
      return FileVisitResult.SKIP_SUBTREE;
    }
    if (Files.isSymbolicLink(dir)) {
      Path real = realPath(dir);
      String link = FolderScan.relative(root, dir);
      if (realPath(dir.getParent()).startsWith(real)) {
        notes.add("ignored " + link + ": a symbolic link back to a parent folder");
        return FileVisitResult.SKIP_SUBTREE;
      }
      if (isInsideTheDataset(real)) {
        notes.add(
            "ignored "
                + link
                + ": a symbolic link to "
                + FolderScan.relative(realRoot, real)
                + ", a folder of the dataset read where it is");
        return FileVisitResult.SKIP_SUBTREE;
      }
      linkedFolders.computeIfAbsent(real, r -> new TreeSet<>()).add(link);
    }
    return FileVisitResult.CONTINUE;
  }

  /**
   * Keeps what a folder outside the dataset holds only under the first (by path) of the links that
   * reach it, so that the result does not depend on the order the file system lists them. Called
   * once, after the last class folder.
   */
  void dropRepeatedLinks() {
    for (TreeSet<String> links : linkedFolders.values()) {
      String kept = links.first();
      for (String link : links.tailSet(kept, false)) {
        String prefix = link + "/";
        images.removeIf(i -> i.source().startsWith(prefix));
        bad.removeIf(b -> b.path().startsWith(prefix));
        notes.add(
            "ignored "
                + link
                + ": a symbolic link to the folder "
                + kept
                + " links to, which is read there");
      }
    }
  }

  /** Whether a real path is the dataset's root, a folder inside it, or a folder holding it. */
  private boolean isInsideTheDataset(Path real) {
    return real.startsWith(realRoot) || realRoot.startsWith(real);
  }

  /** The real path of {@code p}, or {@code p} itself when it cannot be resolved. */
  private static Path realPath(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  @Override
  public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
    if (hidden(file)) {
      return FileVisitResult.CONTINUE;
    }
    String ext = extension(name(file));
    if (!FolderScan.IMAGE_EXTENSIONS.contains(ext.toLowerCase(Locale.ROOT))) {
      bad(file, Problems.notAnImage(ext));
      return FileVisitResult.CONTINUE;
    }
    imageFilesInClass++;
    if (attrs.isSymbolicLink()) {
      bad(file, Problems.BROKEN_LINK);
    } else if (!attrs.isRegularFile()) {
      bad(file, Problems.NOT_REGULAR);
    } else if (!Files.isReadable(file)) {
      bad(file, Problems.PERMISSION_DENIED);
    } else if (attrs.size() == 0) {
      bad(file, Problems.ZERO_BYTE);
    } else {
      String source = FolderScan.relative(root, file);
      images.add(new ImageFile(FolderScan.nfc(source), source, split, className));
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult visitFileFailed(Path file, IOException e) {
    if (e instanceof FileSystemLoopException) {
      notes.add(
          "ignored "
              + FolderScan.relative(root, file)
              + ": a symbolic link back to a parent folder");
    } else if (!hidden(file)) {
      unreadable(file, e);
    }
    return FileVisitResult.CONTINUE;
  }

  @Override
  public FileVisitResult postVisitDirectory(Path dir, IOException e) {
    if (e != null) {
      unreadable(dir, e);
    }
    return FileVisitResult.CONTINUE;
  }

  private void unreadable(Path p, IOException e) {
    classDirUnreadable |= p.equals(classDir);
    bad(p, Problems.unreadable(e));
  }

  private void bad(Path p, String problem) {
    bad.add(new BadFile(FolderScan.relative(root, p), problem));
  }

  List<ImageFile> images() {
    return images;
  }

  List<BadFile> badFiles() {
    return bad;
  }

  Set<String> classFolders() {
    return classFolders;
  }

  /** Notes so far; {@link FolderScan} adds its own. */
  List<String> notes() {
    return notes;
  }

  private static String name(Path p) {
    return p.getFileName().toString();
  }

  private static boolean hidden(Path p) {
    return name(p).startsWith(".");
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot < 0 ? "" : fileName.substring(dot + 1);
  }
}
