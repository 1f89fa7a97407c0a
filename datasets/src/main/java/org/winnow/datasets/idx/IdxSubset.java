package org.winnow.datasets.idx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.InMemoryImages;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OutputGuard;
import org.winnow.datasets.OutputLock;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/**
 * Draws a class-balanced random subset of a grayscale dataset and writes it as gzipped IDX files,
 * with {@code classes.txt}, {@code source-indices.csv} (which original record each new one is) and
 * {@code manifest.json} (options, seed, version, and the SHA-256 of every source file). This is how
 * the bundled Fashion-MNIST sample was made.
 *
 * <p>For each split and class, the class's indices are shuffled by {@link Random} seeded with
 * {@code seed * 1_000_003 + 31 * splitOrdinal + label}, the first {@code perClass} are taken, and
 * the chosen records keep their original order.
 */
public final class IdxSubset {

  private IdxSubset() {}

  /**
   * Writes the subset into {@code outDir}, which must not exist yet.
   *
   * @param trainPerClass samples per class from the train split
   * @param testPerClass samples per class from the test split
   * @param version the Winnow version, for the manifest
   * @throws DatasetException if the source is not one-channel, a class has too few samples, or the
   *     output exists
   */
  public static void write(
      InMemoryDataset source,
      int trainPerClass,
      int testPerClass,
      long seed,
      Path outDir,
      String version)
      throws IOException {
    OutputGuard.check(outDir, List.of(source.root()), false, OUTPUT);
    // Checked under the claim: a run that held it before may have written the folder meanwhile.
    try (OutputLock claim = OutputLock.acquire(outDir)) {
      if (Files.exists(outDir)) {
        throw new DatasetException(outDir + ": already exists; choose a new output folder");
      }
      Path tmp = Files.createDirectory(AtomicFiles.tempSibling(outDir));
      try {
        writeInto(tmp, source, trainPerClass, testPerClass, seed);
        Files.writeString(
            tmp.resolve("manifest.json"),
            manifest(source, trainPerClass, testPerClass, seed, version).toJson(),
            StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        AtomicFiles.deleteTree(tmp);
        throw e;
      }
      Files.move(tmp, outDir, StandardCopyOption.ATOMIC_MOVE);
      // A kill before the move leaves only the hidden temporary folder behind, never a half
      // subset; the next claim of this folder removes it.
    }
  }

  /** A subset Winnow wrote: it holds the subset's {@code manifest.json}. */
  public static final OutputGuard.Kind OUTPUT =
      OutputGuard.Kind.folderHolding("IDX subset", "manifest.json");

  private static void writeInto(
      Path tmp, InMemoryDataset source, int trainPerClass, int testPerClass, long seed)
      throws IOException {
    StringBuilder csv = new StringBuilder("split,index,source_index\n");
    for (Split split : List.of(Split.TRAIN, Split.TEST)) {
      int perClass = split == Split.TRAIN ? trainPerClass : testPerClass;
      InMemoryImages block = source.images(split).orElse(null);
      if (perClass == 0 || block == null) {
        continue;
      }
      if (block.channels() != 1) {
        throw new DatasetException(source.root() + ": IDX subsets need one-channel images");
      }
      List<Integer> chosen = choose(source, split, perClass, seed);
      int n = block.imageBytes();
      byte[] pixels = new byte[chosen.size() * n];
      byte[] labels = new byte[chosen.size()];
      List<Sample> samples = source.samples(split);
      for (int i = 0; i < chosen.size(); i++) {
        int from = chosen.get(i);
        System.arraycopy(block.pixels(), from * n, pixels, i * n, n);
        labels[i] = (byte) samples.get(from).label();
        csv.append(split.id()).append(',').append(i).append(',').append(from).append('\n');
      }
      String prefix = split == Split.TRAIN ? "train" : "t10k";
      IdxWriter.writeImages(
          tmp.resolve(prefix + "-images-idx3-ubyte.gz"),
          chosen.size(),
          block.height(),
          block.width(),
          pixels);
      IdxWriter.writeLabels(tmp.resolve(prefix + "-labels-idx1-ubyte.gz"), labels);
    }
    Files.writeString(tmp.resolve("source-indices.csv"), csv, StandardCharsets.UTF_8);
    Files.write(tmp.resolve("classes.txt"), source.classNames(), StandardCharsets.UTF_8);
  }

  private static Manifest manifest(
      InMemoryDataset source, int trainPerClass, int testPerClass, long seed, String version)
      throws IOException {
    List<Manifest.Input> inputs = new ArrayList<>();
    String index = IndexHash.of(source);
    for (Path f : Datasets.visibleChildren(source.root())) {
      if (Files.isRegularFile(f)) {
        inputs.add(
            new Manifest.Input(
                "source", f.toString(), Sha256.of(f), Optional.of(index), Optional.empty()));
      }
    }
    return new Manifest(
        "winnow datasets subsample",
        version,
        new TreeMap<>(
            Map.of(
                "train_per_class", Integer.toString(trainPerClass),
                "test_per_class", Integer.toString(testPerClass))),
        OptionalLong.of(seed),
        inputs);
  }

  private static List<Integer> choose(InMemoryDataset ds, Split split, int perClass, long seed) {
    List<Sample> samples = ds.samples(split);
    List<Integer> chosen = new ArrayList<>();
    for (int label = 0; label < ds.classNames().size(); label++) {
      List<Integer> members = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        if (samples.get(i).label() == label) {
          members.add(i);
        }
      }
      if (members.size() < perClass) {
        throw new DatasetException(
            ds.root()
                + ": class '"
                + ds.classNames().get(label)
                + "' has "
                + members.size()
                + " "
                + split.id()
                + " samples, fewer than the "
                + perClass
                + " asked for");
      }
      Collections.shuffle(members, new Random(seed * 1_000_003L + 31L * split.ordinal() + label));
      chosen.addAll(members.subList(0, perClass));
    }
    Collections.sort(chosen);
    return chosen;
  }
}
