package org.winnow.datasets.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Image;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

class FolderDatasetTest {

  @TempDir Path root;

  /** Every entry under the root with its type, size and modification time. */
  private List<String> listing() throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      List<String> out = new ArrayList<>();
      for (Path p : all.sorted().toList()) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        out.add(
            root.relativize(p)
                + " dir="
                + a.isDirectory()
                + " link="
                + a.isSymbolicLink()
                + " size="
                + a.size()
                + " mtime="
                + a.lastModifiedTime().toMillis());
      }
      return out;
    }
  }

  @Test
  void openAndDecodeLeaveTheFolderUnchanged() throws IOException {
    SyntheticFolders.writePngs(root.resolve("train"), 2, 3, 8, 1);
    SyntheticFolders.writeJpegs(root.resolve("val"), 2, 2, 8, 8, 2);
    TestImages.bytes(root, "val/class0/broken.jpg", new byte[] {(byte) 0xFF, (byte) 0xD8, 1});
    TestImages.bytes(root, "train/class1/empty.png", new byte[0]);
    Files.createSymbolicLink(root.resolve("train/class1/gone.png"), root.resolve("nowhere"));
    List<String> before = listing();

    FolderDataset ds = TestImages.open(root, TestImages.options(BadImagePolicy.SKIP, true));
    for (Sample s : ds.samples()) {
      ds.decode(s);
    }

    assertEquals(10, ds.samples().size());
    assertEquals(3, ds.badFiles().size());
    assertEquals(before, listing());
  }

  @Test
  void concurrentDecodesGiveTheSamePixelsAsSequentialOnes() throws Exception {
    SyntheticFolders.writeJpegs(root, 3, 8, 24, 16, 5);
    FolderDataset ds = TestImages.open(root);
    List<byte[]> sequential = ds.samples().stream().map(s -> ds.decode(s).pixels()).toList();

    List<Future<byte[]>> parallel = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int round = 0; round < 3; round++) {
        for (Sample s : ds.samples()) {
          parallel.add(pool.submit(() -> ds.decode(s).pixels()));
        }
      }
    }

    for (int i = 0; i < parallel.size(); i++) {
      assertArrayEquals(sequential.get(i % sequential.size()), parallel.get(i).get());
    }
  }

  @Test
  void verificationReportsProgressOncePerImage() {
    SyntheticFolders.writePngs(root, 2, 5, 4, 3);
    ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    AtomicLong advanced = new AtomicLong();
    Progress progress =
        new Progress() {
          @Override
          public void start(String stage, long total) {
            events.add("start " + stage + " " + total);
          }

          @Override
          public void advance(long amount) {
            advanced.addAndGet(amount);
          }

          @Override
          public void finish() {
            events.add("finish");
          }
        };

    FolderDataset.open(root, OpenOptions.defaults().withVerifyImages(true), progress);

    assertEquals(List.of("start verify 10", "finish"), List.copyOf(events));
    assertEquals(10, advanced.get());
  }

  @Test
  void decodeRefusesASampleOfAnotherDataset() {
    TestImages.png(root, "a/1.png");
    FolderDataset ds = TestImages.open(root);
    Sample foreign = new Sample("a/../../etc/passwd", 0, "a", Split.TRAIN, "../../etc/passwd");

    DatasetException e = assertThrows(DatasetException.class, () -> ds.decode(foreign));

    assertEquals(ds.root() + ": no sample with id 'a/../../etc/passwd'", e.getMessage());
  }

  @Test
  void decodedImagesHaveTheSyntheticSize() {
    SyntheticFolders.writeJpegs(root, 1, 1, 40, 30, 9);
    FolderDataset ds = TestImages.open(root);

    Image image = ds.decode(ds.samples().getFirst());

    assertEquals(List.of(3, 30, 40), List.of(image.channels(), image.height(), image.width()));
  }
}
