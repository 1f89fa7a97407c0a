package org.winnow.pipeline;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Inference;
import org.winnow.nets.OfflineDjl;
import org.winnow.train.TrainOptions;
import org.winnow.train.TrainResult;
import org.winnow.train.Training;

/**
 * {@code winnow doctor --gpu-smoke}: does the GPU compute what the CPU computes? It trains the same
 * network with the same seed on the CPU and on the GPU, and compares their test accuracies; then it
 * embeds the same images with the same (CPU-trained) weights on both, and compares the embeddings
 * row by row. It prints images per second for both.
 *
 * <p>Why tolerances and not equality: on a GPU, cuDNN picks convolution algorithms whose
 * floating-point reductions run in another order than the CPU's (and its backward passes are not
 * even deterministic run to run), and on Ampere and later PyTorch lets cuDNN run fp32 convolutions
 * in TF32, with a 10-bit mantissa (relative error about 1e-3 per product). Inference with identical
 * weights then agrees closely but not bitwise; training, where each step feeds the next, drifts
 * apart, so only its outcome can be compared, and loosely. See {@link Tolerances}.
 */
public final class GpuSmoke {

  private GpuSmoke() {}

  /**
   * How far the two devices may disagree.
   *
   * @param accuracy the largest difference of the two test accuracies, in [0, 1]: 0.10 by default.
   *     The two runs start from the same weights and see the same batches, so they differ only by
   *     rounding. Measured on the CPU (BENCHMARKS.md), rounding alone (1 thread against 2) moved
   *     the smoke run's final test accuracy by 0.008, while other seeds moved it by up to 0.30; a
   *     broken device (NaNs, chance accuracy, 0.10) misses the CPU's 0.55 by far
   * @param minCosine the smallest cosine similarity of a row embedded on both devices: 0.999 by
   *     default, far below what TF32 rounding costs (about 1 - 1e-5) and far above what a wrong
   *     kernel gives
   * @param maxRelativeDifference the largest absolute difference of one entry, as a fraction of the
   *     largest absolute CPU entry: 0.02 by default, twenty times TF32's relative precision, to
   *     allow its errors to add up over the network's depth
   */
  public record Tolerances(double accuracy, double minCosine, double maxRelativeDifference) {

    /** The defaults above. */
    public static Tolerances defaults() {
      return new Tolerances(0.10, 0.999, 0.02);
    }
  }

  /**
   * What to compare.
   *
   * @param data the dataset (the bundled sample)
   * @param device the device to compare with the CPU: {@link DeviceChoice#GPU}, or {@link
   *     DeviceChoice#CPU} to run the whole check on a machine without one (tests)
   * @param epochs epochs of each training run
   * @param batchSize samples per training step
   * @param seed the seed of both runs
   * @param work a folder for the two runs, which must not exist; deleted at the end
   * @param tolerances the tolerances
   */
  public record Request(
      Path data,
      DeviceChoice device,
      int epochs,
      int batchSize,
      long seed,
      Path work,
      Tolerances tolerances) {

    /** Validates the fields. */
    public Request {
      Objects.requireNonNull(data, "data");
      Objects.requireNonNull(device, "device");
      Objects.requireNonNull(work, "work");
      Objects.requireNonNull(tolerances, "tolerances");
      if (device == DeviceChoice.AUTO) {
        throw new IllegalArgumentException("the smoke check compares the CPU with gpu or cpu");
      }
    }
  }

  /**
   * What one device did.
   *
   * @param device the device
   * @param testAccuracy test accuracy after the last epoch
   * @param trainImagesPerSecond samples trained over the run's wall time (which includes the
   *     per-epoch test evaluation)
   * @param embedImagesPerSecond images embedded per second, decoding included
   */
  public record DeviceRun(
      String device,
      double testAccuracy,
      double trainImagesPerSecond,
      double embedImagesPerSecond) {}

  /**
   * How two embeddings of the same images agree.
   *
   * @param rows the images
   * @param minCosine the smallest cosine similarity of a row with its counterpart
   * @param maxAbsDifference the largest absolute difference of one entry
   * @param largest the largest absolute entry of the reference (CPU) embeddings
   */
  public record Agreement(int rows, double minCosine, double maxAbsDifference, double largest) {

    /** {@code maxAbsDifference} as a fraction of {@code largest}. */
    public double relativeDifference() {
      return largest == 0 ? maxAbsDifference : maxAbsDifference / largest;
    }
  }

  /**
   * The comparison.
   *
   * @param cpu the CPU's run
   * @param other the other device's run
   * @param embeddings how the embeddings agree
   * @param tolerances what they were held to
   * @param failures one line per tolerance not met; empty when the check passed
   */
  public record Result(
      DeviceRun cpu,
      DeviceRun other,
      Agreement embeddings,
      Tolerances tolerances,
      List<String> failures) {

    /** Copies the list. */
    public Result {
      failures = List.copyOf(failures);
    }

    /** Whether every tolerance was met. */
    public boolean passed() {
      return failures.isEmpty();
    }
  }

  /** Whether DJL sees a GPU, i.e. whether the real check can run. */
  public static boolean gpuAvailable() {
    OfflineDjl.apply();
    return Engine.getInstance().getGpuCount() > 0;
  }

  /**
   * Trains and embeds on both devices and compares.
   *
   * @param log a line per stage
   * @throws org.winnow.embed.EmbeddingException for {@link DeviceChoice#GPU} when DJL sees none
   */
  public static Result run(Request r, Progress progress, Consumer<String> log) throws IOException {
    Device other = r.device().resolve();
    ImageDataset dataset = Datasets.open(r.data());
    List<Sample> test = dataset.samples(org.winnow.datasets.Split.TEST);
    try {
      log.accept("training on cpu() ...");
      TrainResult cpuRun = train(r, Device.cpu(), "cpu", progress);
      log.accept("training on " + other + " ...");
      TrainResult otherRun = train(r, other, "other", progress);
      Path model = cpuRun.runDir();
      log.accept("embedding " + test.size() + " test images on cpu() and on " + other + " ...");
      Embedded cpuEmb = embed(dataset, test, model, DeviceChoice.CPU, progress);
      Embedded otherEmb = embed(dataset, test, model, r.device(), progress);
      Agreement agreement = compare(cpuEmb.rows(), otherEmb.rows());
      DeviceRun cpu = deviceRun("cpu()", cpuRun, cpuEmb);
      DeviceRun second = deviceRun(other.toString(), otherRun, otherEmb);
      return new Result(
          cpu, second, agreement, r.tolerances(), failures(cpu, second, agreement, r.tolerances()));
    } finally {
      AtomicFiles.deleteTree(r.work());
    }
  }

  private static TrainResult train(Request r, Device device, String name, Progress progress) {
    TrainOptions options =
        TrainOptions.defaults(r.data(), r.work().resolve(name))
            .withRecipe(x -> x.withEpochs(r.epochs()).withBatchSize(r.batchSize()))
            .withRun(x -> x.withSeed(r.seed()).withDevice(device));
    return Training.run(options, progress);
  }

  private record Embedded(float[][] rows, double seconds) {}

  private static Embedded embed(
      ImageDataset dataset,
      List<Sample> samples,
      Path model,
      DeviceChoice device,
      Progress progress) {
    long start = System.nanoTime();
    Inference.Result result =
        Inference.run(
            dataset,
            samples,
            Inference.Options.defaults(model.toString()).withDevice(device),
            EnumSet.of(Inference.Output.EMBEDDINGS),
            progress);
    return new Embedded(result.get(Inference.Output.EMBEDDINGS), (System.nanoTime() - start) / 1e9);
  }

  private static DeviceRun deviceRun(String device, TrainResult run, Embedded emb) {
    return new DeviceRun(
        device,
        run.finalTestAccuracy(),
        run.samplesTrained() / run.wallSeconds(),
        emb.rows().length / emb.seconds());
  }

  /** How {@code other} agrees with {@code reference}, row by row; the shapes must match. */
  public static Agreement compare(float[][] reference, float[][] other) {
    if (reference.length != other.length || reference.length == 0) {
      throw new IllegalArgumentException(
          "cannot compare " + reference.length + " rows with " + other.length);
    }
    double minCosine = 1;
    double maxDiff = 0;
    double largest = 0;
    for (int i = 0; i < reference.length; i++) {
      float[] a = reference[i];
      float[] b = other[i];
      if (a.length != b.length) {
        throw new IllegalArgumentException(
            "row " + i + " has " + a.length + " and " + b.length + " columns");
      }
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int j = 0; j < a.length; j++) {
        dot += (double) a[j] * b[j];
        na += (double) a[j] * a[j];
        nb += (double) b[j] * b[j];
        maxDiff = Math.max(maxDiff, Math.abs((double) a[j] - b[j]));
        largest = Math.max(largest, Math.abs(a[j]));
      }
      // Two zero rows agree; a zero row against a non-zero one does not; NaN never does.
      double cosine = na == 0 && nb == 0 ? 1 : dot / Math.sqrt(na * nb);
      minCosine = Double.isNaN(cosine) ? Double.NaN : Math.min(minCosine, cosine);
      if (Double.isNaN(minCosine)) {
        return new Agreement(reference.length, Double.NaN, Double.NaN, largest);
      }
    }
    return new Agreement(reference.length, minCosine, maxDiff, largest);
  }

  /** One line per tolerance {@code cpu} and {@code other} do not meet. */
  static List<String> failures(DeviceRun cpu, DeviceRun other, Agreement e, Tolerances t) {
    List<String> failures = new ArrayList<>();
    double accuracyGap = Math.abs(cpu.testAccuracy() - other.testAccuracy());
    if (!(accuracyGap <= t.accuracy())) {
      failures.add(
          String.format(
              Locale.ROOT,
              "test accuracies differ by %.4f (%s %.4f, %s %.4f), more than %.4f",
              accuracyGap,
              cpu.device(),
              cpu.testAccuracy(),
              other.device(),
              other.testAccuracy(),
              t.accuracy()));
    }
    if (!(e.minCosine() >= t.minCosine())) {
      failures.add(
          String.format(
              Locale.ROOT,
              "an embedding row has cosine %.6f with its CPU counterpart, below %.6f",
              e.minCosine(),
              t.minCosine()));
    }
    if (!(e.relativeDifference() <= t.maxRelativeDifference())) {
      failures.add(
          String.format(
              Locale.ROOT,
              "an embedding entry differs by %.3g, %.4f of the largest entry, more than %.4f",
              e.maxAbsDifference(),
              e.relativeDifference(),
              t.maxRelativeDifference()));
    }
    return failures;
  }
}
