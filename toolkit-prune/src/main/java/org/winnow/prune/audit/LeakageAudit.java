package org.winnow.prune.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVPrinter;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Progress;
import org.winnow.datasets.WriteFailures;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.prune.KeepList;
import org.winnow.prune.NearestNeighbours;

/**
 * The front door of {@code winnow audit leakage}: train/test leakage by near-duplicates. For every
 * held-out (test or validation) sample it finds the most similar train sample by cosine on
 * penultimate embeddings, with {@link NearestNeighbours}' exact blocked search (never the whole
 * held-out × train matrix at once), and calls the pair twins when the cosine reaches a threshold.
 *
 * <p>Writes, into a folder built under a temporary name and renamed into place: {@code leakage.csv}
 * (the twins: {@code test_id, train_id, cosine, same_label, split}, and {@code test_path,
 * train_path} for folder datasets), {@code summary.json} (per split: counts, twins per class, and
 * the distribution of every held-out sample's nearest cosine, from which a threshold is judged),
 * {@code manifest.json}, and what a caller's {@link Page} adds (the report).
 *
 * <p>Near-duplicates across the splits of published benchmarks are documented: Barz &amp; Denzler,
 * "Do We Train on Test Data? Purging CIFAR of Near-Duplicates", J. Imaging 6(6):41, 2020 (3.3 % of
 * CIFAR-10's and 10 % of CIFAR-100's test images). Their search, too, is nearest neighbours on a
 * network's features, checked by eye: hence the report's image pairs.
 */
public final class LeakageAudit {

  /** The tool name in manifests. */
  public static final String TOOL = "winnow audit leakage";

  /**
   * The default threshold: a held-out sample whose nearest train sample has at least this cosine on
   * penultimate embeddings is a twin. Measured on Fashion-MNIST with a ResNet-20 (BENCHMARKS.md,
   * "Leakage audit"): features after ReLU and global average pooling are non-negative and
   * concentrated, so every test image's nearest train image lies above 0.95 (median 0.9976), and a
   * threshold must sit in the top tail. At 0.9998, 12 of the 13 pairs found are near-copies in
   * pixels too (pixel cosine at least 0.99); at 0.9995 most of the 389 pairs are look-alikes
   * (median pixel cosine 0.975). Another model spreads its cosines differently: {@code
   * summary.json} gives the distribution to choose from.
   */
  public static final double DEFAULT_THRESHOLD = 0.9998;

  /** What {@code --overwrite} may replace: a folder holding a {@code leakage.csv}. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("leakage audit", "leakage.csv");

  /** Held-out rows searched per call, a whole number of the search's query blocks. */
  static final int CHUNK = 4096;

  private LeakageAudit() {}

  /**
   * Writes an extra file of the output folder (the report), from the audit's result.
   *
   * @see #write
   */
  @FunctionalInterface
  public interface Page {
    /** Writes into {@code folder}, the output under its temporary name. */
    void write(Path folder, Leakage leakage, Manifest manifest) throws IOException;
  }

  /**
   * A held-out split and its embeddings.
   *
   * @param split its name, e.g. {@code test}
   * @param samples its embeddings
   */
  public record HeldOut(String split, EmbeddingSet samples) {

    /** Checks the fields. */
    public HeldOut {
      Objects.requireNonNull(split, "split");
      Objects.requireNonNull(samples, "samples");
    }
  }

  /**
   * Checks a threshold: a cosine in (-1, 1].
   *
   * @throws IllegalArgumentException with one line naming {@code --threshold}
   */
  public static double checkThreshold(double threshold) {
    if (!(threshold > -1 && threshold <= 1)) {
      throw new IllegalArgumentException(
          "--threshold must be a cosine in (-1, 1], not " + threshold);
    }
    return threshold;
  }

  /**
   * The nearest train sample of every held-out sample.
   *
   * @throws DatasetException with one line when a held-out set's dimension differs from the train
   *     set's, or the train set is empty
   */
  public static Leakage find(
      EmbeddingSet train, List<HeldOut> heldOut, double threshold, Progress progress) {
    checkThreshold(threshold);
    if (train.size() == 0) {
      throw new DatasetException(train.source() + ": no train samples to compare against");
    }
    for (HeldOut h : heldOut) {
      if (h.samples().size() > 0 && h.samples().dimension() != train.dimension()) {
        throw new DatasetException(
            String.format(
                Locale.ROOT,
                "%s: %d-dimensional embeddings, but the train embeddings %s are %d-dimensional;"
                    + " embed both with the same model",
                h.samples().source(),
                h.samples().dimension(),
                train.source(),
                train.dimension()));
      }
    }
    double[][] base = NearestNeighbours.unitRows(train.vectors());
    long total = heldOut.stream().mapToLong(h -> h.samples().size()).sum();
    progress.start("nearest train sample", total);
    List<Leakage.SplitNearest> splits = new ArrayList<>();
    for (HeldOut h : heldOut) {
      double[][] queries = NearestNeighbours.unitRows(h.samples().vectors());
      int n = queries.length;
      int[] nearest = new int[n];
      double[] cosine = new double[n];
      for (int from = 0; from < n; from += CHUNK) {
        int to = Math.min(n, from + CHUNK);
        NearestNeighbours.Neighbours nn =
            NearestNeighbours.search(Arrays.copyOfRange(queries, from, to), base, 1);
        for (int i = from; i < to; i++) {
          nearest[i] = nn.index(i - from, 0);
          cosine[i] = nn.similarity(i - from, 0);
        }
        progress.advance(to - from);
      }
      splits.add(new Leakage.SplitNearest(h.split(), h.samples(), nearest, cosine));
    }
    progress.finish();
    return new Leakage(train, splits, threshold);
  }

  /**
   * Writes the audit's folder.
   *
   * @param leakage what {@link #find} found
   * @param manifest the manifest to write beside it
   * @param out the output folder
   * @param overwrite whether an existing audit folder may be replaced
   * @param inputs the input files the output must not replace
   * @param page the report, or anything else to write into the folder
   * @throws DatasetException when the output is refused (an input, or held by another run)
   * @throws IllegalArgumentException when the output exists without {@code overwrite}
   * @throws IOException when writing fails (nothing is left behind)
   */
  public static Path write(
      Leakage leakage, Manifest manifest, Path out, boolean overwrite, List<Path> inputs, Page page)
      throws IOException {
    Path target = out.toAbsolutePath().normalize();
    checkOutput(target, overwrite, inputs);
    try (OutputLock claim = OutputLock.acquire(target)) {
      Path temp = AtomicFiles.tempSibling(target);
      try {
        Files.createDirectories(temp);
        WriteFailures.write(
            temp.resolve("leakage.csv"), target.resolve("leakage.csv"), f -> writeCsv(f, leakage));
        String summary = JsonFormat.text(LeakageSummary.toJson(leakage, manifest));
        WriteFailures.write(
            temp.resolve("summary.json"),
            target.resolve("summary.json"),
            f -> Files.writeString(f, summary, StandardCharsets.UTF_8));
        String json = manifest.toJson();
        WriteFailures.write(
            temp.resolve("manifest.json"),
            target.resolve("manifest.json"),
            f -> Files.writeString(f, json, StandardCharsets.UTF_8));
        page.write(temp, leakage, manifest);
        AtomicFiles.replaceFolder(temp, target);
      } finally {
        AtomicFiles.deleteTree(temp);
      }
    }
    return target.resolve("leakage.csv");
  }

  /**
   * Refuses an output folder before any work: one that is an input or holds one, or one that exists
   * without {@code overwrite}.
   */
  public static void checkOutput(Path out, boolean overwrite, List<Path> inputs) {
    OutputGuard.checkFresh(out.toAbsolutePath().normalize(), inputs, overwrite, OUTPUT);
  }

  private static void writeCsv(Path file, Leakage leakage) throws IOException {
    List<Leakage.Twin> twins = leakage.twins();
    boolean paths = KeepList.imageFile(leakage.train(), 0).isPresent();
    List<String> header =
        new ArrayList<>(List.of("test_id", "train_id", "cosine", "same_label", "split"));
    if (paths) {
      header.addAll(List.of("test_path", "train_path"));
    }
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(w, KeepList.FORMAT)) {
      csv.printRecord(header);
      for (Leakage.Twin t : twins) {
        List<Object> cells = new ArrayList<>();
        cells.add(t.samples().ids().get(t.row()));
        cells.add(leakage.train().ids().get(t.trainRow()));
        cells.add(String.format(Locale.ROOT, "%.6f", t.cosine()));
        cells.add(t.sameLabel());
        cells.add(t.split());
        if (paths) {
          Optional<Path> test = KeepList.imageFile(t.samples(), t.row());
          cells.add(test.map(Path::toString).orElse(""));
          cells.add(KeepList.imageFile(leakage.train(), t.trainRow()).orElseThrow());
        }
        csv.printRecord(cells);
      }
    }
  }
}
