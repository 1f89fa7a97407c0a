package org.winnow.prune;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.manifest.JsonFormat;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;

/**
 * {@code winnow prune --against} at scale: an earlier run whose {@code kept} samples all stayed (a
 * semdedup folder written directly, with its epsilon, so that no million-row prune runs first), and
 * {@code arrivals} new samples of which a share {@code rate} are near-copies of kept ones and as
 * many again near-copies of other new ones. Prints the time of each stage, the peak heap, and the
 * recall of the planted copies. Commands and results: BENCHMARKS.md.
 *
 * <p>Arguments: {@code kept arrivals dim classes epsilon rate folder}.
 */
public final class ArrivalsBenchmark {

  private ArrivalsBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws IOException {
    int kept = Integer.parseInt(args[0]);
    int arrivals = Integer.parseInt(args[1]);
    int dim = Integer.parseInt(args[2]);
    int classes = Integer.parseInt(args[3]);
    double eps = Double.parseDouble(args[4]);
    double rate = Double.parseDouble(args[5]);
    Path dir = Path.of(args[6]);
    Files.createDirectories(dir);
    long t0 = System.nanoTime();
    SplittableRandom r = new SplittableRandom(1);
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class" + c);
    }
    float[][] old = new float[kept][];
    int[] oldLabels = new int[kept];
    List<String> oldIds = new ArrayList<>(kept);
    for (int i = 0; i < kept; i++) {
      old[i] = unit(r, dim);
      oldLabels[i] = i % classes;
      oldIds.add("old/" + i);
    }
    Path oldFile = dir.resolve("old.h5");
    Hdf5EmbeddingsWriter.write(
        oldFile, new EmbeddingSet("old.h5", oldIds, oldLabels, names, old, new TreeMap<>()));
    writeEarlierFolder(dir.resolve("earlier"), oldFile, oldIds, oldLabels, names, eps);

    // near-copies at 1 - cos of about noise^2 * dim / 2, well inside eps
    double noise = Math.sqrt(eps / dim) * 0.5;
    float[][] v = new float[arrivals][];
    int[] labels = new int[arrivals];
    List<String> ids = new ArrayList<>(arrivals);
    int plantedEarlier = 0;
    int plantedAmong = 0;
    for (int i = 0; i < arrivals; i++) {
      double u = r.nextDouble();
      if (u < rate) {
        int j = r.nextInt(kept);
        v[i] = near(old[j], noise, r);
        labels[i] = oldLabels[j];
        plantedEarlier++;
      } else if (u < 2 * rate && i > 0) {
        int j = r.nextInt(i);
        v[i] = near(v[j], noise, r);
        labels[i] = labels[j];
        plantedAmong++;
      } else {
        v[i] = unit(r, dim);
        labels[i] = r.nextInt(classes);
      }
      ids.add("new/" + i);
    }
    Path newFile = dir.resolve("new.h5");
    Hdf5EmbeddingsWriter.write(
        newFile, new EmbeddingSet("new.h5", ids, labels, names, v, new TreeMap<>()));
    old = null;
    v = null;
    System.out.printf(
        Locale.ROOT,
        "generated %,d kept and %,d new x %d (%,d near-copies of kept, %,d of new) in %.1f s%n",
        kept,
        arrivals,
        dim,
        plantedEarlier,
        plantedAmong,
        (System.nanoTime() - t0) / 1e9);
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    Arrivals.Report report =
        Arrivals.run(
            new Arrivals.Request(
                dir.resolve("earlier"),
                newFile,
                OptionalDouble.empty(),
                dir.resolve("out"),
                true,
                "bench"),
            Progress.NONE);
    long peak =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .mapToLong(p -> p.getPeakUsage().getUsed())
            .sum();
    ArrivalsSummary.Counts all = report.summary().overall();
    Pruning.Timings t = report.timings();
    System.out.printf(
        Locale.ROOT,
        "read %.1f s (both files hashed), dedup %.1f s, write %.1f s; kept %,d of %,d new (%,d"
            + " for the earlier kept, %,d among themselves); peak heap (sum of pools' peaks) %,d"
            + " MiB of %,d%n",
        t.read(),
        t.select(),
        t.write(),
        all.kept(),
        all.arrivals(),
        all.redundantWithEarlier(),
        all.redundantAmongArrivals(),
        peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
  }

  private static float[] unit(SplittableRandom r, int dim) {
    double[] d = new double[dim];
    double norm = 0;
    for (int j = 0; j < dim; j++) {
      d[j] = r.nextGaussian();
      norm += d[j] * d[j];
    }
    float[] f = new float[dim];
    for (int j = 0; j < dim; j++) {
      f[j] = (float) (d[j] / Math.sqrt(norm));
    }
    return f;
  }

  private static float[] near(float[] x, double noise, SplittableRandom r) {
    float[] f = new float[x.length];
    for (int j = 0; j < x.length; j++) {
      f[j] = (float) (x[j] + noise * r.nextGaussian());
    }
    return f;
  }

  /** The folder a semdedup run that kept every sample would have written. */
  private static void writeEarlierFolder(
      Path folder, Path emb, List<String> ids, int[] labels, List<String> names, double eps)
      throws IOException {
    Files.createDirectories(folder);
    StringBuilder keep = new StringBuilder("id,label,class_name\n");
    StringBuilder groups =
        new StringBuilder("id,label,group,representative_id,dissimilarity,kept\n");
    for (int i = 0; i < ids.size(); i++) {
      keep.append(ids.get(i)).append(',').append(labels[i]).append(',');
      keep.append(names.get(labels[i])).append('\n');
      groups.append(ids.get(i)).append(',').append(labels[i]).append(',').append(i / names.size());
      groups.append(',').append(ids.get(i)).append(",0.000000000,true\n");
    }
    Files.writeString(folder.resolve("keep.csv"), keep, StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("groups.csv"), groups, StandardCharsets.UTF_8);
    Manifest m =
        new Manifest(
            Pruning.TOOL,
            "bench",
            new TreeMap<>(java.util.Map.of("method", "semdedup")),
            OptionalLong.empty(),
            List.of(
                new Manifest.Input(
                    "embeddings",
                    emb.toAbsolutePath().toString(),
                    Sha256.of(emb),
                    java.util.Optional.empty(),
                    java.util.Optional.empty())));
    var json = new com.google.gson.JsonObject();
    json.addProperty("method", "semdedup");
    json.add("epsilon", JsonFormat.number(eps));
    json.add("manifest", m.toJsonObject());
    Files.writeString(
        folder.resolve("summary.json"), JsonFormat.text(json), StandardCharsets.UTF_8);
  }
}
