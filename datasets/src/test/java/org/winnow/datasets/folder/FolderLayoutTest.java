package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.winnow.datasets.folder.TestImages.open;
import static org.winnow.datasets.folder.TestImages.png;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

class FolderLayoutTest {

  @TempDir Path root;

  private static List<String> ids(List<Sample> samples) {
    return samples.stream().map(Sample::id).toList();
  }

  @Test
  void everyTopLevelFolderIsAClassWithoutSplitFolders() throws Exception {
    // Written out of order, with mixed-case extensions and a nested folder.
    png(root, "zebra/b.png");
    png(root, "ant/sub/c.jpg");
    png(root, "ant/a.Png");
    png(root, "Bee/x.gif");
    png(root, "ant/Z.JPEG");
    png(root, "ant/sub-x.bmp");

    FolderDataset ds = open(root);

    assertEquals(List.of("Bee", "ant", "zebra"), ds.classNames());
    // String order: upper case before lower case, '-' before '/', so "sub-x" before "sub/".
    assertEquals(
        List.of(
            "Bee/x.gif",
            "ant/Z.JPEG",
            "ant/a.Png",
            "ant/sub-x.bmp",
            "ant/sub/c.jpg",
            "zebra/b.png"),
        ids(ds.samples()));
    assertEquals(List.of(0, 1, 1, 1, 1, 2), ds.samples().stream().map(Sample::label).toList());
    assertEquals(
        List.of("Bee", "ant", "ant", "ant", "ant", "zebra"),
        ds.samples().stream().map(Sample::className).toList());
    assertTrue(ds.samples().stream().allMatch(s -> s.split() == Split.TRAIN));
    assertTrue(ds.samples().stream().allMatch(s -> s.source().equals(s.id())));
    assertEquals(List.of(Split.TRAIN), ds.splits());
    assertEquals(root.toAbsolutePath().normalize(), ds.root());
    assertEquals(DatasetFormat.FOLDER, ds.format());
    assertEquals(List.of(), ds.badFiles());
    assertEquals(List.of(), ds.notes());
  }

  @Test
  void splitFoldersGiveSplitsAndTheUnionOfTheirClasses() {
    png(root, "val/cat/3.png");
    png(root, "train/dog/2.png");
    png(root, "test/bird/4.png");
    png(root, "train/cat/1.png");
    png(root, "train/cat/0.png");

    FolderDataset ds = open(root);

    assertEquals(List.of("bird", "cat", "dog"), ds.classNames());
    assertEquals(
        List.of(
            "test/bird/4.png",
            "train/cat/0.png",
            "train/cat/1.png",
            "train/dog/2.png",
            "val/cat/3.png"),
        ids(ds.samples()));
    assertEquals(
        List.of(Split.TEST, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.VAL),
        ds.samples().stream().map(Sample::split).toList());
    assertEquals(List.of(0, 1, 1, 2, 1), ds.samples().stream().map(Sample::label).toList());
    assertEquals(List.of("val/cat/3.png"), ids(ds.samples(Split.VAL)));
    assertEquals(List.of(Split.TRAIN, Split.VAL, Split.TEST), ds.splits());
  }

  @Test
  void validAndValidationAreValSplitsInAnyCase() {
    png(root, "Train/a/1.png");
    png(root, "valid/a/2.png");
    png(root, "VALIDATION/b/3.png");

    FolderDataset ds = open(root);

    assertEquals(List.of("a", "b"), ds.classNames());
    assertEquals(
        List.of("Train/a/1.png", "VALIDATION/b/3.png", "valid/a/2.png"), ids(ds.samples()));
    assertEquals(
        List.of(Split.TRAIN, Split.VAL, Split.VAL),
        ds.samples().stream().map(Sample::split).toList());
  }

  @Test
  void aTrainFolderAloneIsTheSplitLayout() {
    png(root, "train/a/1.png");

    FolderDataset ds = open(root);

    assertEquals(List.of("a"), ds.classNames());
    assertEquals(List.of("train/a/1.png"), ids(ds.samples()));
  }

  @Test
  void splitNamesAmongClassFoldersAreClassesAndANoteSaysSo() {
    png(root, "train/1.png");
    png(root, "test/2.png");
    png(root, "extra/3.png");

    FolderDataset ds = open(root);

    assertEquals(List.of("extra", "test", "train"), ds.classNames());
    assertTrue(ds.samples().stream().allMatch(s -> s.split() == Split.TRAIN));
    assertEquals(
        List.of(
            "read test, train as class folders, not splits: the split layout needs every"
                + " top-level folder to be train, val, valid, validation or test"),
        ds.notes());
  }

  @Test
  void filesOutsideClassFoldersAreIgnoredAndNoted() throws Exception {
    png(root, "train/a/1.png");
    png(root, "train/stray.png");
    Files.writeString(root.resolve("README.txt"), "about");

    FolderDataset ds = open(root);

    assertEquals(List.of("train/a/1.png"), ids(ds.samples()));
    assertEquals(List.of(), ds.badFiles());
    assertEquals(
        List.of("ignored 2 files outside class folders: README.txt, train/stray.png"), ds.notes());
  }

  @Test
  void aSplitFolderWithoutClassFoldersIsNoted() throws Exception {
    png(root, "train/a/1.png");
    Files.createDirectories(root.resolve("test"));

    FolderDataset ds = open(root);

    assertEquals(List.of("train/a/1.png"), ids(ds.samples()));
    assertEquals(List.of("test/ holds no class folders"), ds.notes());
  }

  @Test
  void linkedFoldersAreFollowedButLoopsAreNot() throws Exception {
    png(root, "elsewhere/x.png");
    png(root, "classes/a/1.png");
    Files.createSymbolicLink(root.resolve("classes/a/more"), root.resolve("elsewhere"));
    Files.createSymbolicLink(root.resolve("classes/a/loop"), root.resolve("classes/a"));

    FolderDataset ds = open(root.resolve("classes"));

    assertEquals(List.of("a/1.png", "a/more/x.png"), ids(ds.samples()));
    assertEquals(List.of("ignored a/loop: a symbolic link back to a parent folder"), ds.notes());
  }

  /** Each real folder is read once and in its own class, whatever links lead to it. */
  @Test
  void linksIntoTheDatasetItselfAreIgnored() throws Exception {
    png(root, "data/a/1.png");
    png(root, "data/b/2.png");
    png(root, "data/b/deep/3.png");
    Path data = root.resolve("data");
    Files.createSymbolicLink(data.resolve("a/up"), data);
    Files.createSymbolicLink(data.resolve("a/bee"), data.resolve("b/deep"));
    Files.createSymbolicLink(data.resolve("c"), data.resolve("a"));

    FolderDataset ds = open(data);

    assertEquals(List.of("a", "b"), ds.classNames());
    assertEquals(
        List.of("a/1.png a", "b/2.png b", "b/deep/3.png b"),
        ds.samples().stream().map(x -> x.id() + " " + x.className()).toList());
    assertEquals(
        List.of(
            "ignored a/bee: a symbolic link to b/deep, a folder of the dataset read where it is",
            "ignored a/up: a symbolic link back to a parent folder",
            "ignored c: a symbolic link to a folder of the dataset itself, read where it is"),
        ds.notes().stream().sorted().toList());
  }

  @Test
  void aFolderOutsideLinkedTwiceIsReadThroughTheFirstLinkOnly() throws Exception {
    png(root, "elsewhere/x.png");
    png(root, "data/a/1.png");
    png(root, "data/b/2.png");
    Path data = root.resolve("data");
    Files.createSymbolicLink(data.resolve("b/more"), root.resolve("elsewhere"));
    Files.createSymbolicLink(data.resolve("a/more"), root.resolve("elsewhere"));

    FolderDataset ds = open(data);

    assertEquals(List.of("a/1.png", "a/more/x.png", "b/2.png"), ids(ds.samples()));
    assertEquals(
        List.of(
            "ignored b/more: a symbolic link to the folder a/more links to, which is read there"),
        ds.notes());
  }

  @Test
  void hiddenFilesAndFoldersAreIgnoredSilently() throws Exception {
    png(root, "a/1.png");
    png(root, "a/.thumb.png");
    Files.writeString(root.resolve("a/.DS_Store"), "x");
    TestImages.bytes(root, "a/.cache/notes.txt", new byte[0]);
    png(root, ".trash/b/2.png");
    Files.writeString(root.resolve(".hidden"), "x");

    FolderDataset ds = open(root);

    assertEquals(List.of("a"), ds.classNames());
    assertEquals(List.of("a/1.png"), ids(ds.samples()));
    assertEquals(List.of(), ds.badFiles());
    assertEquals(List.of(), ds.notes());
  }

  @Test
  void idsAreUnicodeNfcAndSourcesAreTheStoredNames() {
    String decomposed = "cafe\u0301"; // "café" as a Mac may store it
    png(root, decomposed + "/" + decomposed + ".png");

    FolderDataset ds = open(root);

    Sample s = ds.samples().getFirst();
    assertEquals("caf\u00e9/caf\u00e9.png", s.id());
    assertEquals(decomposed + "/" + decomposed + ".png", s.source());
    assertEquals(List.of("caf\u00e9"), ds.classNames());
    assertEquals(3, ds.decode(s).height());
  }

  @Test
  void noImagesAtAllIsAnError() throws Exception {
    Files.writeString(root.resolve("notes.txt"), "x");

    DatasetException e = assertThrows(DatasetException.class, () -> open(root));

    assertEquals(root + ": no images found in class folders", e.getMessage());
  }

  @Test
  void datasetsDetectsAndOpensAClassFolder() {
    png(root, "b/1.png");
    png(root, "a/2.jpeg");

    assertEquals(DatasetFormat.FOLDER, Datasets.detect(root).format());
    var ds = Datasets.open(root);
    assertEquals(DatasetFormat.FOLDER, ds.format());
    assertEquals(List.of("a/2.jpeg", "b/1.png"), ids(ds.samples()));
  }
}
