package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Fashion-MNIST sample committed in datasets/sample is what its README says it is. */
class BundledSampleTest {

  static final Path SAMPLE = Path.of("sample/fashion-mnist-small");
  static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

  @Test
  void holdsTwoHundredTrainAndFiftyTestImagesPerClass() {
    ImageDataset ds = Datasets.open(SAMPLE);
    assertEquals(DatasetFormat.IDX, ds.format());
    assertEquals(
        List.of(
            "T-shirt/top",
            "Trouser",
            "Pullover",
            "Dress",
            "Coat",
            "Sandal",
            "Shirt",
            "Sneaker",
            "Bag",
            "Ankle boot"),
        ds.classNames());
    DatasetSummary s = DatasetInspector.inspect(ds, BadImagePolicy.FAIL, Progress.NONE);
    assertArrayEquals(
        new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, s.splits().get(0).perClass());
    assertArrayEquals(
        new int[] {50, 50, 50, 50, 50, 50, 50, 50, 50, 50}, s.splits().get(1).perClass());
    assertEquals(new DatasetSummary.SizeStats(1, 28, 28, 28, 28, 28, 28, 2500, 2500), s.sizes());
    assertEquals(
        "f19b2aa3f4cfa8cc4187b07bdadaeffaad4034d5af8c080ce888759bbb51e8b5", s.indexSha256());
  }

  @Test
  void everyImageIsTheDebianRecordItNames() throws IOException {
    assumeTrue(Files.isDirectory(DEBIAN), "Debian's dataset-fashion-mnist is not installed");
    ImageDataset sample = Datasets.open(SAMPLE);
    ImageDataset full = Datasets.open(DEBIAN);
    List<String> rows = Files.readAllLines(SAMPLE.resolve("source-indices.csv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      Split split = Split.valueOf(f[0].toUpperCase(java.util.Locale.ROOT));
      Sample mine = sample.samples(split).get(Integer.parseInt(f[1]));
      Sample theirs = full.samples(split).get(Integer.parseInt(f[2]));
      assertEquals(theirs.label(), mine.label(), row);
      assertArrayEquals(full.decode(theirs).pixels(), sample.decode(mine).pixels(), row);
    }
    assertEquals(2501, rows.size());
  }
}
