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
import java.util.Set;
import java.util.TreeSet;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.Split;

/**
 * Walks class folders one after another, collecting their image files, their visibly bad files
 * (wrong extension, empty, unreadable) and the class folders that hold no image file. Lists come
 * out in walk order; {@link FolderScan} sorts them.
 */
final class ClassFolderWalker implements FileVisitor<Path> {

  private final Path root;
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
  }

  /** Walks one class folder of one split. */
  void classFolder(Split s, Path dir) {
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
    return !dir.equals(classDir) && hidden(dir)
        ? FileVisitResult.SKIP_SUBTREE
        : FileVisitResult.CONTINUE;
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
