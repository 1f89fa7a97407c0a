package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.synthetic.SyntheticBinaries;

class DatasetInspectorTest {

  @TempDir Path dir;

  @Test
  void countsEverySplitAndClassAndReportsProgress() throws IOException {
    SyntheticBinaries.writeCifar10(dir, 5, 4, 10, 3);
    AtomicLong advanced = new AtomicLong();
    Progress counting =
        new Progress() {
          @Override
          public void start(String stage, long total) {
            assertEquals(30, total);
          }

          @Override
          public void advance(long amount) {
            advanced.addAndGet(amount);
          }

          @Override
          public void finish() {}
        };
    ImageDataset ds = Datasets.open(dir);
    DatasetSummary s = DatasetInspector.inspect(ds, BadImagePolicy.FAIL, counting);

    assertEquals(30, advanced.get());
    assertEquals(30, s.total());
    assertEquals(2, s.splits().size());
    assertArrayEquals(new int[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, s.splits().get(0).perClass());
    assertEquals(Split.TEST, s.splits().get(1).split());
    assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, s.splits().get(1).perClass());
    assertEquals(new DatasetSummary.SizeStats(3, 32, 32, 32, 32, 32, 32, 30, 30), s.sizes());
    assertTrue(s.sizes().uniform());
    assertEquals(IndexHash.of(ds), s.indexSha256());
    assertEquals(List.of(), s.badFiles());
  }

  @Test
  void decodeFailuresFailOrAreListedByPolicy() throws IOException {
    SyntheticBinaries.writeIdx(dir, 6, 0, 3, 3, false, 1);
    ImageDataset good = Datasets.open(dir);
    ImageDataset flaky = new BrokenEvery3rd(good);

    DatasetException e =
        assertThrows(
            DatasetException.class,
            () -> DatasetInspector.inspect(flaky, BadImagePolicy.FAIL, Progress.NONE));
    assertEquals(
        "train/0: broken (2 bad files in all; --on-bad-image skip leaves them out)",
        e.getMessage());

    DatasetSummary s = DatasetInspector.inspect(flaky, BadImagePolicy.SKIP, Progress.NONE);
    assertEquals(
        List.of(
            new BadFile("train-images-idx3-ubyte#0", "train/0: broken"),
            new BadFile("train-images-idx3-ubyte#3", "train/3: broken")),
        s.badFiles());
    assertEquals(4, s.total());
    assertEquals(4, s.sizes().decoded());
  }

  /** A dataset whose every third sample fails to decode. */
  private record BrokenEvery3rd(ImageDataset inner) implements ImageDataset {
    @Override
    public Path root() {
      return inner.root();
    }

    @Override
    public DatasetFormat format() {
      return inner.format();
    }

    @Override
    public List<String> classNames() {
      return inner.classNames();
    }

    @Override
    public List<Sample> samples() {
      return inner.samples();
    }

    @Override
    public Image decode(Sample sample) {
      if (Integer.parseInt(sample.id().substring(6)) % 3 == 0) {
        throw new DatasetException(sample.id() + ": broken");
      }
      return inner.decode(sample);
    }
  }
}
