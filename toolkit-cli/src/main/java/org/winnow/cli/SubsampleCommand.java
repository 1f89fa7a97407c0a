package org.winnow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.InMemoryDataset;
import org.winnow.datasets.idx.IdxSubset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow datasets subsample}: a seeded, class-balanced IDX subset of an IDX dataset. */
@Command(
    name = "subsample",
    mixinStandardHelpOptions = true,
    description = {
      "Draws a seeded, class-balanced subset of an IDX dataset (MNIST, Fashion-MNIST) and writes"
          + " it as gzipped IDX files with classes.txt and source-indices.csv. The bundled sample"
          + " was made with this command.",
      ""
    },
    footer = {
      "",
      "Example:",
      "  winnow datasets subsample --data /usr/share/datasets/fashion-mnist \\",
      "      --train-per-class 200 --test-per-class 50 --seed 2026 --out fashion-mnist-small"
    })
final class SubsampleCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Option(
      names = "--train-per-class",
      required = true,
      paramLabel = "N",
      description = "Train samples to draw from each class.")
  int trainPerClass;

  @Option(
      names = "--test-per-class",
      required = true,
      paramLabel = "N",
      description = "Test samples to draw from each class.")
  int testPerClass;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder to create; it must not exist.")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    // A subset without training samples is no dataset: no reader would open it.
    if (trainPerClass < 1 || testPerClass < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--train-per-class must be >= 1 and --test-per-class >= 0");
    }
    ImageDataset ds =
        Datasets.open(
            data.path(),
            data.openOptions(),
            ConsoleProgress.forStderr(spec.commandLine().getErr()));
    if (!(ds instanceof InMemoryDataset mem)
        || ds.format() != org.winnow.datasets.DatasetFormat.IDX) {
      throw new DatasetException(
          ds.root() + ": subsample reads IDX datasets only, this is " + ds.format().cliName());
    }
    IdxSubset.write(mem, trainPerClass, testPerClass, seed, out, Winnow.version());
    spec.commandLine().getOut().printf("Wrote %s%n", out.toAbsolutePath());
    return 0;
  }
}
