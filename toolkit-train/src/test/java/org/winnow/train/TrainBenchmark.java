package org.winnow.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Progress;
import org.winnow.datasets.folder.SyntheticFolders;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.nets.Architecture;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;

/**
 * The training benchmark whose numbers are in BENCHMARKS.md: images/s of a training epoch through
 * {@link Training#run} (augmentation on the device, per-step NDManagers, metrics, selector) against
 * the raw step rate of the same network (forward, backward and SGD update on random tensors already
 * on the device, same batch size). The data is a synthetic CIFAR-10 (32×32 RGB) written by the
 * harness; the epoch is the second of a 2-epoch run on the first N images (the first includes
 * warm-up), its time includes evaluating 64 test images. With a fourth argument {@code folder} the
 * data is instead a folder of N 32×32 RGB PNGs in 10 classes (no test split), which streams through
 * the decoding workers ({@link StreamedImages}, 2 workers). Run from the repository root:
 *
 * <pre>
 * DJL_OFFLINE=true ./mvnw -q -pl toolkit-train test-compile exec:java \
 *     -Dexec.classpathScope=test -Dexec.mainClass=org.winnow.train.TrainBenchmark \
 *     -Dexec.args="ARCH[,ARCH…] N BATCH [folder]"
 * </pre>
 */
public final class TrainBenchmark {

  private TrainBenchmark() {}

  /** Runs the benchmark; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    List<String> archs = List.of(args[0].split(","));
    int n = Integer.parseInt(args[1]);
    int batch = Integer.parseInt(args[2]);
    Device device = Engine.getInstance().defaultDevice();
    boolean folder = args.length > 3 && args[3].equals("folder");
    Path work = Files.createTempDirectory("winnow-train-bench");
    try {
      Path data = work.resolve(folder ? "pngs" : "cifar");
      Optional<KeepIds> keep;
      if (folder) {
        SyntheticFolders.writePngs(data, 10, n / 10, 32, 7);
        keep = Optional.empty();
      } else {
        SyntheticBinaries.writeCifar10(data, 1, n, 64, 7);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          ids.add("train/" + i);
        }
        keep = Optional.of(KeepIds.of(ids));
      }
      System.out.printf(
          Locale.ROOT,
          "synthetic %s, %,d train images 3x32x32, batch %d, device %s, %d cores%n",
          folder ? "PNG folder (streamed, 2 workers)" : "CIFAR-10",
          n,
          batch,
          device,
          Runtime.getRuntime().availableProcessors());
      for (String arch : archs) {
        double raw = rawStepRate(Architecture.fromId(arch), device, batch, n / batch);
        TrainOptions o =
            TrainOptions.defaults(data, work.resolve("run-" + arch))
                .withRun(r -> r.withDevice(device))
                .withRecipe(
                    r ->
                        r.withArchitecture(Architecture.fromId(arch))
                            .withBatchSize(batch)
                            .withEpochs(2))
                .withData(d -> d.withKeep(keep));
        Training.run(o, Progress.NONE);
        String[] second =
            Files.readAllLines(o.run().out().resolve("metrics.csv")).get(2).split(",");
        double seconds = Double.parseDouble(second[7]);
        double epoch = n / seconds;
        System.out.printf(
            Locale.ROOT,
            "%-9s epoch %,8.1f img/s (%.1f s)   raw step %,8.1f img/s   epoch/raw time %.2fx%n",
            arch,
            epoch,
            seconds,
            raw,
            raw / epoch);
      }
    } finally {
      AtomicFiles.deleteTree(work);
    }
  }

  /** Forward, backward and update on random device tensors: 2 warm-up steps, then {@code steps}. */
  private static double rawStepRate(Architecture arch, Device device, int batch, int steps) {
    NetworkSpec spec = new NetworkSpec(arch, 3, 32, 10);
    try (NetworkModel m = NetworkModel.create(spec, device, 0);
        MomentumSgd sgd =
            new MomentumSgd(m.network().block(), m.model().getNDManager(), 0.9, 5e-4);
        NDManager data = m.model().getNDManager().newSubManager()) {
      NDArray x = data.randomNormal(m.network().inputShape(batch));
      NDArray y =
          data.randomInteger(
              0, 10, new ai.djl.ndarray.types.Shape(batch), ai.djl.ndarray.types.DataType.INT64);
      for (int i = 0; i < 2; i++) {
        step(m, sgd, x, y);
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        step(m, sgd, x, y);
      }
      return (double) steps * batch / ((System.nanoTime() - t0) / 1e9);
    }
  }

  private static void step(NetworkModel m, MomentumSgd sgd, NDArray x, NDArray y) {
    try (NDManager s = m.model().getNDManager().newSubManager()) {
      // Results attach to their first operand's manager: without this every activation of every
      // step stayed attached to x's manager until the end (GBs a step), as an epoch's do not.
      x.tempAttach(s);
      y.tempAttach(s);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray logits = m.network().forward(new ParameterStore(s, false), x, true).logits();
        gc.backward(Training.crossEntropy(logits, y, 10).mean());
      }
      sgd.step(0.05);
      s.zeros(new ai.djl.ndarray.types.Shape(1))
          .getFloat(); // wait for the step, as an epoch's end does
    }
  }
}
