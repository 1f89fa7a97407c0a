package org.winnow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Split;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.EmbedOptions;
import org.winnow.embed.Embedder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow embed}: penultimate-layer embeddings of a dataset split, into one HDF5 file. */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the penultimate-layer embedding (global average pooling, the input of the final"
          + " classifier) of every sample of a split to an HDF5 file: /embeddings [N,D] float32,"
          + " /labels, /ids, /class_names and provenance attributes. Work is saved in shards"
          + " next to the output; rerunning the same command after an interruption continues"
          + " from the last complete shard.",
      ""
    },
    footer = {
      "",
      "Models (--model):",
      "  resnet20, resnet32, resnet18   Winnow's network, seeded random initialisation (--seed)",
      "  RUN_DIR or checkpoint file      a network trained by winnow train",
      "  FILE.pt                         TorchScript: its embed() method if exported, else forward()",
      "  djl://...                       DJL model zoo (needs the network and DJL_OFFLINE=false)",
      "",
      "Examples:",
      "  winnow embed --model resnet20 --out embeddings.h5",
      "  winnow embed --data ~/cifar-10-batches-bin --model runs/r20 --out c10.h5 --split all",
      "  winnow embed --data ~/imagenet --model resnet50.pt --image-size 224 --out in.h5"
    })
final class EmbedCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(names = "--model", required = true, paramLabel = "SPEC", description = "The model.")
  String model;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .h5 file.")
  Path out;

  @Option(
      names = "--split",
      defaultValue = "train",
      paramLabel = "SPLIT",
      description = "train (default), val, test or all.")
  String split;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      paramLabel = "N",
      description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--device",
      defaultValue = "auto",
      paramLabel = "DEVICE",
      description = "auto (GPU when DJL sees one, else CPU), cpu or gpu.")
  DeviceChoice device;

  @Option(
      names = "--image-size",
      paramLabel = "S",
      description =
          "Resize images to SxS (bilinear). Default: a checkpoint's size, else the dataset's"
              + " when fixed, else 32 (224 for TorchScript).")
  Integer imageSize;

  @Option(
      names = "--seed",
      defaultValue = "0",
      paramLabel = "S",
      description = "Seed of the random initialisation of --model resnetNN. Default: 0.")
  int seed;

  @Option(
      names = "--shard-size",
      defaultValue = "" + EmbedOptions.DEFAULT_SHARD_SIZE,
      paramLabel = "N",
      description = "Rows per shard, rounded up to whole batches. Default: ${DEFAULT-VALUE}.")
  int shardSize;

  @Option(
      names = "--workers",
      defaultValue = "2",
      paramLabel = "N",
      description = "Threads decoding images ahead of the model. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = "--overwrite",
      description = "Replace an existing output and discard the shards of a partial run.")
  boolean overwrite;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    EmbedOptions options;
    try {
      options =
          new EmbedOptions(
              model,
              parseSplit(split),
              batchSize,
              device,
              imageSize == null ? OptionalInt.empty() : OptionalInt.of(imageSize),
              seed,
              shardSize,
              overwrite,
              workers);
    } catch (IllegalArgumentException e) {
      // A bad option value is a usage error, found before the dataset is read.
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // The model and the device are checked before the dataset is read, which may take a while.
    Embedder.checkModel(model);
    String deviceName = device.resolve().toString();
    ConsoleProgress progress = ConsoleProgress.forStderr(err);
    ImageDataset ds = Datasets.open(data.path(), data.openOptions(), progress);
    Embedder.checkOutput(ds, options, out); // before anything is printed or loaded
    err.println("Device   " + deviceName);
    err.flush();
    Embedder.Result r = Embedder.embed(ds, options, out, Winnow.version(), progress);
    if (r.resumedRows() > 0) {
      stdout.printf(
          Locale.ROOT,
          "Resumed  from row %,d (complete shards of an earlier run)%n",
          r.resumedRows());
    }
    stdout.printf(Locale.ROOT, "Wrote    %s%n", r.output());
    stdout.printf(Locale.ROOT, "Shape    %,d x %d float32%n", r.rows(), r.dimension());
    stdout.printf(Locale.ROOT, "Model    %s%n", r.model());
    stdout.printf(Locale.ROOT, "Device   %s%n", r.device());
    return 0;
  }

  private Optional<Split> parseSplit(String s) {
    String id = s.toLowerCase(Locale.ROOT);
    if (id.equals("all")) {
      return Optional.empty();
    }
    for (Split x : Split.values()) {
      if (x.id().equals(id)) {
        return Optional.of(x);
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Invalid value for option '--split': '" + s + "' (expected train, val, test or all)");
  }
}
