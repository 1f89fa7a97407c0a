package org.winnow.datasets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Summarises a dataset for {@code winnow datasets inspect}: counts per split and class, image
 * sizes, and every file that is bad. Sizes come from {@link ImageDataset#shape}, in parallel
 * (headers only for folders); open folders with {@link OpenOptions#verifyImages()} so that the
 * reader itself finds truncated or corrupt images and the index hash covers what is usable.
 */
public final class DatasetInspector {

  private DatasetInspector() {}

  /**
   * Decodes every sample and summarises the dataset.
   *
   * @param onBadImage {@link BadImagePolicy#FAIL} stops at the first sample (in dataset order) that
   *     does not decode; {@link BadImagePolicy#SKIP} lists it and goes on
   * @throws DatasetException under FAIL, naming the first file that does not decode
   */
  public static DatasetSummary inspect(
      ImageDataset dataset, BadImagePolicy onBadImage, Progress progress) {
    List<Sample> samples = dataset.samples();
    int[] widths = new int[samples.size()];
    int[] heights = new int[samples.size()];
    int[] channels = new int[samples.size()];
    ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    progress.start("sizes", samples.size());
    try {
      IntStream.range(0, samples.size())
          .parallel()
          .forEach(
              i -> {
                try {
                  ImageShape im = dataset.shape(samples.get(i));
                  widths[i] = im.width();
                  heights[i] = im.height();
                  channels[i] = im.channels();
                } catch (DatasetException e) {
                  failures.add(new Failure(i, e));
                }
                progress.advance(1);
              });
    } finally {
      progress.finish();
    }

    List<Failure> sorted =
        failures.stream().sorted(Comparator.comparingInt(Failure::index)).toList();
    if (!sorted.isEmpty() && onBadImage == BadImagePolicy.FAIL) {
      DatasetException first = sorted.getFirst().error();
      String more =
          sorted.size() > 1
              ? " (" + sorted.size() + " bad files in all; --on-bad-image skip leaves them out)"
              : " (--on-bad-image skip leaves it out)";
      throw new DatasetException(first.getMessage() + more, first);
    }
    List<BadFile> bad = new ArrayList<>(dataset.badFiles());
    boolean[] failed = new boolean[samples.size()];
    for (Failure f : sorted) {
      failed[f.index()] = true;
      String source = samples.get(f.index()).source();
      String message = f.error().getMessage();
      int at = message.indexOf(source + ": ");
      bad.add(new BadFile(source, at < 0 ? message : message.substring(at + source.length() + 2)));
    }
    bad.sort(Comparator.comparing(BadFile::path));

    List<DatasetSummary.SplitCounts> counts = new ArrayList<>();
    for (Split split : Split.values()) {
      int[] perClass = new int[dataset.classNames().size()];
      boolean any = false;
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (s.split() == split && !failed[i]) {
          perClass[s.label()]++;
          any = true;
        }
      }
      if (any) {
        counts.add(new DatasetSummary.SplitCounts(split, perClass));
      }
    }
    return new DatasetSummary(
        dataset.root(),
        dataset.format(),
        dataset.classNames(),
        counts,
        sizeStats(widths, heights, channels, failed),
        bad,
        dataset.notes(),
        IndexHash.of(dataset));
  }

  private static DatasetSummary.SizeStats sizeStats(int[] w, int[] h, int[] c, boolean[] failed) {
    int minW = Integer.MAX_VALUE, maxW = 0, minH = Integer.MAX_VALUE, maxH = 0, ch = 0, n = 0;
    Map<Long, Integer> freq = new HashMap<>();
    for (int i = 0; i < w.length; i++) {
      if (failed[i]) {
        continue;
      }
      n++;
      minW = Math.min(minW, w[i]);
      maxW = Math.max(maxW, w[i]);
      minH = Math.min(minH, h[i]);
      maxH = Math.max(maxH, h[i]);
      ch = Math.max(ch, c[i]);
      freq.merge(((long) w[i] << 32) | h[i], 1, Integer::sum);
    }
    if (n == 0) {
      return new DatasetSummary.SizeStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
    Map.Entry<Long, Integer> common =
        freq.entrySet().stream()
            .max(
                Map.Entry.<Long, Integer>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .orElseThrow();
    return new DatasetSummary.SizeStats(
        ch,
        minW,
        maxW,
        minH,
        maxH,
        (int) (common.getKey() >>> 32),
        (int) (long) common.getKey(),
        common.getValue(),
        n);
  }

  private record Failure(int index, DatasetException error) {}
}
