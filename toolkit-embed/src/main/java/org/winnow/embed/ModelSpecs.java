package org.winnow.embed;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.ImageShape;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.Sample;
import org.winnow.nets.Architecture;
import org.winnow.nets.CheckpointInfo;
import org.winnow.nets.Checkpoints;
import org.winnow.nets.LoadedCheckpoint;
import org.winnow.nets.NetworkModel;
import org.winnow.nets.NetworkSpec;
import org.winnow.nets.Normalization;

/**
 * Opens the model a {@code --model} spec names: an architecture (seeded random initialisation), a
 * Winnow checkpoint, a TorchScript file or a DJL model-zoo URL.
 */
final class ModelSpecs {

  /** The side TorchScript and zoo models get when no size is asked for: torchvision's. */
  static final int TORCHSCRIPT_DEFAULT_SIZE = 224;

  /** The side Winnow's networks get when neither the user nor the dataset fixes one. */
  static final int DEFAULT_SIZE = 32;

  private ModelSpecs() {}

  /**
   * What the dataset and options say about the input, for models that do not fix it.
   *
   * @param device where the model goes
   * @param seed seed of a random initialisation
   * @param channels the dataset's channels (1 or 3)
   * @param nativeSize the dataset's image side when all images share one square size
   * @param requestedSize {@code --image-size}
   * @param numClasses the dataset's class count, the width of a randomly initialised head
   * @param firstImage where the first sample's pixels are, for messages
   */
  record Context(
      Device device,
      int seed,
      int channels,
      OptionalInt nativeSize,
      OptionalInt requestedSize,
      int numClasses,
      String firstImage) {

    /** What {@code dataset}, whose first sample to run on is {@code first}, and the options say. */
    static Context of(ImageDataset dataset, Sample first, Device device, Inference.Options o) {
      ImageShape shape = dataset.shape(first);
      // The side of the dataset's images when the format guarantees one square size for all.
      OptionalInt nativeSize =
          dataset instanceof InMemoryDataset && shape.height() == shape.width()
              ? OptionalInt.of(shape.width())
              : OptionalInt.empty();
      return new Context(
          device,
          o.seed(),
          shape.channels(),
          nativeSize,
          o.imageSize(),
          dataset.classNames().size(),
          dataset.root().resolve(first.source()).toString());
    }
  }

  /**
   * Opens {@code spec}. The caller closes the result.
   *
   * @throws EmbeddingException or {@link org.winnow.nets.CheckpointException} with one line
   */
  static EmbeddingModel open(String spec, Context ctx) {
    check(spec);
    if (spec.contains("://")) {
      return openZoo(spec, ctx);
    }
    if (isArchitecture(spec)) {
      Architecture arch = Architecture.fromId(spec);
      int size = ctx.requestedSize().orElse(ctx.nativeSize().orElse(DEFAULT_SIZE));
      if (size < NetworkSpec.MIN_IMAGE_SIZE) {
        throw new EmbeddingException(
            ctx.firstImage()
                + ": the dataset's images are "
                + size
                + "x"
                + size
                + " px, too small to set the network input (at least "
                + NetworkSpec.MIN_IMAGE_SIZE
                + " px); pass --image-size, e.g. --image-size 32, to resize every image");
      }
      NetworkSpec ns = new NetworkSpec(arch, ctx.channels(), size, Math.max(2, ctx.numClasses()));
      NetworkModel model = NetworkModel.create(ns, ctx.device(), ctx.seed());
      return new NetworkEmbeddingModel(
          model,
          arch.id() + ", random initialisation with seed " + ctx.seed() + " (not trained)",
          size,
          Normalization.half(ctx.channels()));
    }
    Path path = Path.of(spec);
    if (isTorchScript(path)) {
      return openTorchScript(path, ctx);
    }
    LoadedCheckpoint loaded = Checkpoints.load(path, ctx.device());
    CheckpointInfo info = loaded.info();
    int size = ctx.requestedSize().orElse(info.spec().imageSize());
    return new NetworkEmbeddingModel(
        loaded.model(),
        info.spec().architecture().id()
            + ", checkpoint "
            + loaded.directory().toAbsolutePath()
            + " (trained on index "
            + info.indexSha256()
            + ")",
        size,
        info.normalization());
  }

  static boolean isArchitecture(String spec) {
    try {
      Architecture.fromId(spec);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static boolean isTorchScript(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(path)
        && (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript"));
  }

  private static EmbeddingModel openTorchScript(Path path, Context ctx) {
    Model model = Model.newInstance(stem(path), ctx.device(), "PyTorch");
    try {
      model.load(path.toAbsolutePath());
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new EmbeddingException(
          path + ": not a TorchScript model DJL can load: " + oneLine(e.getMessage()), e);
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return new TorchScriptEmbeddingModel(
        model,
        path.toAbsolutePath().toString(),
        ctx.requestedSize().orElse(TORCHSCRIPT_DEFAULT_SIZE));
  }

  /**
   * Checks, without loading anything, that {@code spec} can name a model: an architecture, a zoo
   * URL while DJL may download, or a readable file or folder.
   *
   * @throws EmbeddingException with one line otherwise
   */
  static void check(String spec) {
    if (spec.contains("://")) {
      if (offline()) {
        throw new EmbeddingException(
            spec
                + ": model-zoo URLs need the network, but DJL is offline (DJL_OFFLINE=true); set"
                + " DJL_OFFLINE=false where the zoo is reachable, or pass a downloaded .pt file");
      }
      return;
    }
    if (isArchitecture(spec)) {
      return;
    }
    Path path = Path.of(spec);
    if (!Files.exists(path)) {
      throw new EmbeddingException(
          spec
              + ": no such model file or folder (a model is a run folder, a checkpoint, a .pt"
              + " TorchScript file, a djl:// URL or one of "
              + Architecture.knownIds()
              + ")");
    }
    if (Files.isRegularFile(path) && !Files.isReadable(path)) {
      throw new EmbeddingException(spec + ": model file is not readable");
    }
  }

  private static EmbeddingModel openZoo(String url, Context ctx) {
    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelUrls(url)
            .optEngine("PyTorch")
            .optDevice(ctx.device())
            .build();
    ZooModel<NDList, NDList> model;
    try {
      model = criteria.loadModel();
    } catch (IOException | ModelNotFoundException | MalformedModelException | EngineException e) {
      throw new EmbeddingException(
          url + ": cannot load from the model zoo: " + oneLine(e.getMessage()), e);
    }
    return new TorchScriptEmbeddingModel(
        model, url, ctx.requestedSize().orElse(TORCHSCRIPT_DEFAULT_SIZE));
  }

  /** Whether DJL may not download: the launcher and the tests set {@code DJL_OFFLINE=true}. */
  private static boolean offline() {
    String v = System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"));
    return Boolean.parseBoolean(v);
  }

  private static String stem(Path path) {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String first = message.strip().lines().findFirst().orElse("");
    return first.length() > 300 ? first.substring(0, 300) + "…" : first;
  }
}
