package org.winnow.prune.apply;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;

class KeepListApplyTest {

  @TempDir Path dir;

  private Path source() throws IOException {
    Path src = dir.resolve("src");
    for (String f :
        List.of("train/cat/1.png", "train/cat/2.png", "train/dog/3.png", "val/dog/4.png")) {
      Path p = src.resolve(f);
      Files.createDirectories(p.getParent());
      Files.writeString(p, f);
    }
    return src;
  }

  private Path keepList(String... ids) throws IOException {
    StringBuilder sb = new StringBuilder("id,label,class_name\n");
    for (String id : ids) {
      // the label the folder layout gives: cat 0, dog 1
      sb.append(id).append(id.contains("/dog/") ? ",1,dog\n" : ",0,cat\n");
    }
    return Files.writeString(dir.resolve("keep.csv"), sb);
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> !Files.isDirectory(p))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void everyLinkModeGivesTheSameRelativePathsAndLeavesTheSourceAlone() throws IOException {
    Path src = source();
    Path keep = keepList("train/cat/2.png", "val/dog/4.png");
    List<String> before = tree(src);
    for (KeepListApply.Link link : KeepListApply.Link.values()) {
      Path out = dir.resolve("out-" + link);
      int n =
          KeepListApply.apply(
              new KeepListApply.Request(keep, src, out, link, false), Progress.NONE);
      assertEquals(2, n);
      assertEquals(List.of("train/cat/2.png", "val/dog/4.png"), tree(out));
      assertEquals("val/dog/4.png", Files.readString(out.resolve("val/dog/4.png")));
      assertEquals(
          link == KeepListApply.Link.SYM, Files.isSymbolicLink(out.resolve("val/dog/4.png")));
    }
    assertEquals(before, tree(src));
    assertArrayEquals(
        "train/cat/2.png".getBytes(), Files.readAllBytes(src.resolve("train/cat/2.png")));
  }

  @Test
  void missingIdsAreOneLineAndNothingIsWritten() throws IOException {
    Path src = source();
    Path keep = keepList("train/cat/1.png", "train/cat/9.png", "test/x.png");
    Path out = dir.resolve("out");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                KeepListApply.apply(
                    new KeepListApply.Request(keep, src, out, KeepListApply.Link.COPY, false),
                    Progress.NONE));
    assertEquals(
        keep
            + ": 2 ids are not in "
            + src.toRealPath()
            + ": 'train/cat/9.png', 'test/x.png' (apply takes folder datasets, whose ids are"
            + " paths)",
        e.getMessage());
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(2, s.count(), "src, keep.csv and nothing else");
    }
  }

  @Test
  void refusesEscapesExistingOutputsAndOutputsInsideTheSource() throws IOException {
    Path src = source();
    Path escape = keepList("../keep.csv");
    assertTrue(
        assertThrows(
                DatasetException.class,
                () ->
                    KeepListApply.apply(
                        new KeepListApply.Request(
                            escape, src, dir.resolve("o"), KeepListApply.Link.COPY, false),
                        Progress.NONE))
            .getMessage()
            .endsWith("id '../keep.csv' is not a path inside the source folder"));

    Path keep = keepList("train/cat/1.png");
    Path out = Files.createDirectories(dir.resolve("exists"));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KeepListApply.apply(
                new KeepListApply.Request(keep, src, out, KeepListApply.Link.COPY, false),
                Progress.NONE));
    assertEquals(
        1,
        KeepListApply.apply(
            new KeepListApply.Request(keep, src, out, KeepListApply.Link.COPY, true),
            Progress.NONE));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            KeepListApply.apply(
                new KeepListApply.Request(
                    keep, src, src.resolve("pruned"), KeepListApply.Link.COPY, false),
                Progress.NONE));
    assertThrows(IllegalArgumentException.class, () -> KeepListApply.Link.parse("soft"));
    assertEquals(KeepListApply.Link.SYM, KeepListApply.Link.parse("sym"));
  }

  private String refusal(Path keep) {
    Path out = dir.resolve("refused");
    DatasetException e =
        assertThrows(
            DatasetException.class,
            () ->
                KeepListApply.apply(
                    new KeepListApply.Request(
                        keep, dir.resolve("src"), out, KeepListApply.Link.COPY, false),
                    Progress.NONE));
    assertFalse(Files.exists(out), "nothing written");
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains(".tmp-"), "no temporary path: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void labelsThatDisagreeWithTheFolderAreRefusedNamingTheIds() throws IOException {
    source();
    Path keep =
        Files.writeString(
            dir.resolve("keep.csv"),
            "id,label,class_name\ntrain/cat/1.png,0,cat\ntrain/dog/3.png,0,cat\n"
                + "val/dog/4.png,0,cat\n");
    assertEquals(
        keep
            + ": the label of 2 ids disagrees with the dataset: 'train/dog/3.png' is 0 in the"
            + " keep-list, 1 (dog) in the dataset, 'val/dog/4.png' is 0 in the keep-list, 1 (dog)"
            + " in the dataset; was the keep-list made from another dataset?",
        refusal(keep));
  }

  @Test
  void duplicateIdsAndAHeaderOnlyKeepListAreOneClearLine() throws IOException {
    source();
    Path twice = keepList("train/cat/1.png", "train/dog/3.png", "train/cat/1.png");
    assertEquals(
        twice + ": line 4: ids are not unique: 'train/cat/1.png' is listed again (first on line 2)",
        refusal(twice));
    Path header = keepList();
    assertEquals(header + ": the keep-list has a header but no samples", refusal(header));
  }

  @Test
  void emptyAbsoluteAndDotDotIdsAreRefused() throws IOException {
    source();
    for (String id :
        List.of(
            "\"\"",
            "/etc/passwd",
            dir.resolve("src/train/cat/1.png").toString(),
            "train/../train/cat/1.png",
            "train\\..\\..\\x")) {
      Path keep =
          Files.writeString(dir.resolve("keep.csv"), "id,label,class_name\n" + id + ",0,cat\n");
      String shown = id.equals("\"\"") ? "" : id;
      assertEquals(
          keep + ": id '" + shown + "' is not a path inside the source folder", refusal(keep));
    }
  }
}
