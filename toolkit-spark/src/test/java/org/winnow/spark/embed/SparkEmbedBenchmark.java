package org.winnow.spark.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.folder.FileListDataset;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Embedder;

/**
 * The Spark embedding benchmark in BENCHMARKS.md: images/s of {@code WinnowSpark embed} in local
 * mode against {@code winnow embed} ({@link Embedder#embed}) on the same PNG folder, same model,
 * batch size and device (CPU), then checks that the two agree. A warm-up embeds a few batches first
 * (engine load, JIT); each timed run includes opening the data and loading the model; Spark's
 * session start is timed apart; {@code winnow embed} is timed again after Spark, so that load from
 * other processes shows. Run from the repository root:
 *
 * <pre>
 * ./mvnw -o -q -pl toolkit-spark -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=$PWD/toolkit-spark/target/test-cp.txt -Dmdep.includeScope=test
 * CP=toolkit-spark/target/test-classes:toolkit-spark/target/classes:$(cat toolkit-spark/target/test-cp.txt)
 * DJL_OFFLINE=true java -Xmx6g --add-opens=java.base/java.lang=ALL-UNNAMED \
 *     --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
 *     --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
 *     --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *     -cp $CP org.winnow.spark.embed.SparkEmbedBenchmark SOURCE WORK [N] [MASTER] [MODEL] [BATCH] [ROUNDS]
 * </pre>
 *
 * <p>SOURCE is any dataset Winnow reads (e.g. Debian's Fashion-MNIST); the first N (default 10,000)
 * train images are written as PNGs to WORK/images once. MASTER defaults to {@code local[2]}, MODEL
 * to {@code resnet20}, BATCH to 64; parts are 1,024 rows.
 */
public final class SparkEmbedBenchmark {

  private SparkEmbedBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    Path source = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    String master = args.length > 3 ? args[3] : "local[2]";
    String model = args.length > 4 ? args[4] : "resnet20";
    int batch = args.length > 5 ? Integer.parseInt(args[5]) : 64;
    int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 3;
    Path images = work.resolve("images");
    if (!Files.isDirectory(images)) {
      ImageDataset ds = Datasets.open(source);
      List<Sample> train = ds.samples(Split.TRAIN);
      PngFolders.write(ds, train.subList(0, Math.min(n, train.size())), images);
    }

    // Reads every file once, so that no timed run reads them cold.
    ImageDataset folder = Datasets.open(images);
    for (Sample s : folder.samples()) {
      Files.readAllBytes(folder.root().resolve(s.source()));
    }
    // Loads the engine and warms the JIT, so that neither timed run pays for it.
    EmbedOptions options =
        EmbedOptions.defaults(model)
            .withBatchSize(batch)
            .withDevice(DeviceChoice.CPU)
            .withOverwrite(true);
    Embedder.embed(
        new FileListDataset(
            folder.root(),
            folder.classNames(),
            folder.samples().subList(0, Math.min(4 * batch, folder.samples().size())),
            ColorMode.RGB),
        options,
        work.resolve("warm-up.h5"),
        "bench",
        Progress.NONE);
    Path h5 = work.resolve("winnow-embed.h5");
    int rows = folder.samples().size();

    long s0 = System.nanoTime();
    SparkSession spark = LocalSpark.start(master, "SparkEmbedBenchmark");
    System.out.printf(Locale.ROOT, "spark session start: %.1f s%n", (System.nanoTime() - s0) / 1e9);
    double[] single = new double[rounds];
    double[] distributed = new double[rounds];
    try {
      for (int round = 0; round < rounds; round++) {
        // Alternating, so that load from other processes falls on both alike.
        single[round] = timeEmbedder(folder, options, h5, "winnow embed");
        distributed[round] = timeSpark(spark, images, work, model, batch, rows, master);
      }
      System.out.printf(
          Locale.ROOT,
          "largest |difference| from winnow embed: %.3g%n",
          largestDifference(spark, h5, work.resolve("spark/embeddings")));
    } finally {
      spark.stop();
    }
    Arrays.sort(single);
    Arrays.sort(distributed);
    System.out.printf(
        Locale.ROOT,
        "median of %d: winnow embed %.0f img/s, WinnowSpark embed %s %.0f img/s%n",
        rounds,
        rows / single[rounds / 2],
        master,
        rows / distributed[rounds / 2]);
  }

  private static double timeSpark(
      SparkSession spark,
      Path images,
      Path work,
      String model,
      int batch,
      int rows,
      String master) {
    long t1 = System.nanoTime();
    int exit =
        SparkEmbed.run(
            spark,
            new String[] {
              "--data",
              images.toString(),
              "--out",
              work.resolve("spark").toString(),
              "--model",
              model,
              "--batch-size",
              Integer.toString(batch),
              "--part-size",
              "1024",
              "--device",
              "cpu",
              "--overwrite"
            });
    double seconds = (System.nanoTime() - t1) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("WinnowSpark embed exited " + exit);
    }
    print("WinnowSpark embed, " + master, rows, seconds);
    return seconds;
  }

  private static double largestDifference(SparkSession spark, Path h5, Path parts) {
    float[][] want = EmbeddingSource.of(h5).read().vectors();
    double worst = 0;
    int i = 0;
    for (Row r : spark.read().parquet(parts.toString()).orderBy("id").collectAsList()) {
      List<Float> got = r.getList(r.fieldIndex("embedding"));
      for (int j = 0; j < want[i].length; j++) {
        worst = Math.max(worst, Math.abs(want[i][j] - got.get(j)));
      }
      i++;
    }
    return worst;
  }

  private static double timeEmbedder(
      ImageDataset folder, EmbedOptions options, Path h5, String what) {
    long t0 = System.nanoTime();
    Embedder.Result r = Embedder.embed(folder, options, h5, "bench", Progress.NONE);
    double seconds = (System.nanoTime() - t0) / 1e9;
    print(what, r.rows(), seconds);
    return seconds;
  }

  private static void print(String what, int rows, double seconds) {
    System.out.printf(
        Locale.ROOT,
        "%-28s %,d images in %.1f s: %.0f img/s%n",
        what,
        rows,
        seconds,
        rows / seconds);
  }
}
