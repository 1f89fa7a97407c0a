package org.winnow.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.winnow.datasets.DatasetInspector;
import org.winnow.datasets.DatasetSummary;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code winnow datasets inspect}: what is in a dataset, and what is wrong with it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Prints format, splits, classes with per-class counts, image sizes and the index hash of a"
          + " dataset. Every folder image is decoded once, in parallel, to find bad files.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow datasets inspect",
      "  winnow datasets inspect --data ~/cifar-10-batches-bin",
      "  winnow datasets inspect --data ~/photos --on-bad-image skip",
      "  winnow datasets inspect --data ~/mnist --format idx"
    })
final class InspectCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @CommandLine.Option(
      names = "--quick",
      description =
          "Read folder image headers only: faster on large folders, but truncated or corrupt"
              + " images are not found.")
  boolean quick;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ConsoleProgress progress = ConsoleProgress.forStderr(spec.commandLine().getErr());
    ImageDataset ds =
        Datasets.open(data.path(), data.openOptions().withVerifyImages(!quick), progress);
    DatasetSummary summary = DatasetInspector.inspect(ds, data.onBadImage, progress);
    SummaryReport.print(summary, data.isBundledSample(), out);
    return 0;
  }
}
