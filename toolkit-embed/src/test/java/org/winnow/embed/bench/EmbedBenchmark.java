package org.winnow.embed.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.ImageShape;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Split;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Embedder;
import org.winnow.nets.Architecture;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

/**
 * The embedding benchmark whose numbers are in BENCHMARKS.md: images/s of {@link Embedder#embed}
 * end to end (decode, preprocess, forward, shards, final file) against the same network's raw
 * forward rate on random tensors of the same shape. Run from the repository root:
 *
 * <pre>
 * DJL_OFFLINE=true ./mvnw -q -pl toolkit-embed test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=org.winnow.embed.bench.EmbedBenchmark \
 *     -Dexec.args="DATASET_DIR MODEL[,MODEL…] [BATCH]"
 * </pre>
 *
 * <p>It embeds the train split with batch size BATCH (default 64) and 2 decoding workers; the raw
 * rate is the median of five timed runs of 20 batches after 3 warm-up batches, each batch in its
 * own NDManager and copied to the heap, as the embedder does.
 */
public final class EmbedBenchmark {

  private EmbedBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    Path data = Path.of(args[0]);
    List<String> models = List.of(args[1].split(","));
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    ImageDataset ds = Datasets.open(data);
    int n = ds.samples(Split.TRAIN).size();
    ImageShape shape = ds.shape(ds.samples().getFirst());
    Device device = DeviceChoice.AUTO.resolve();
    System.out.printf(
        Locale.ROOT,
        "dataset %s, train split %,d images %dx%dx%d, device %s, batch %d, %d cores%n",
        data,
        n,
        shape.channels(),
        shape.height(),
        shape.width(),
        device,
        batch,
        Runtime.getRuntime().availableProcessors());
    Path work = Files.createTempDirectory("winnow-embed-bench");
    try {
      for (String model : models) {
        double raw = rawRate(model, shape, ds.classNames().size(), device, batch);
        Path out = work.resolve(model + ".h5");
        long t0 = System.nanoTime();
        Embedder.embed(
            ds,
            EmbedOptions.defaults(model)
                .withSplit(Optional.of(Split.TRAIN))
                .withBatchSize(batch)
                .withOverwrite(true),
            out,
            "bench",
            Progress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double e2e = n / seconds;
        System.out.printf(
            Locale.ROOT,
            "%-9s end to end %,8.0f img/s (%.1f s)   raw forward %,8.0f img/s   ratio %.0f%%%n",
            model,
            e2e,
            seconds,
            raw,
            100 * e2e / raw);
      }
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  private static double rawRate(
      String model, ImageShape shape, int classes, Device device, int batch) {
    NetworkSpec spec =
        new NetworkSpec(
            Architecture.fromId(model), shape.channels(), shape.width(), Math.max(2, classes));
    boolean grad = JniUtils.isGradMode();
    JniUtils.setGradMode(false); // as the embedder runs: without it autograd records every op
    try (NetworkModel m = NetworkModel.create(spec, device, 0)) {
      for (int i = 0; i < 3; i++) {
        forward(m, batch);
      }
      double[] rates = new double[5];
      for (int r = 0; r < rates.length; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
          forward(m, batch);
        }
        rates[r] = 20.0 * batch / ((System.nanoTime() - t0) / 1e9);
      }
      java.util.Arrays.sort(rates);
      return rates[rates.length / 2];
    } finally {
      JniUtils.setGradMode(grad);
    }
  }

  private static void forward(NetworkModel m, int batch) {
    try (NDManager scope = m.model().getNDManager().newSubManager()) {
      NDArray x = scope.randomNormal(m.network().inputShape(batch));
      m.network().embed(new ParameterStore(scope, false), x, false).toFloatArray();
    }
  }
}
