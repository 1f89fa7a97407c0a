package org.winnow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winnow.datasets.OutputLock;
import org.winnow.report.HtmlReport;
import org.winnow.report.ReportRequest;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code winnow report}: one self-contained HTML page about a pruning run. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Writes one self-contained HTML file (no network; plots and thumbnails inlined) about a"
          + " pruning run: what was pruned and why, per-class kept/total and mean dissimilarity,"
          + " the group-size histogram (log scale), a gallery of the largest redundant groups of"
          + " each class with the kept sample outlined in green, the redundancy curve when"
          + " there is a curve.csv, and winnow advise's recommended fraction with --advise.",
      "",
      "--run DIR takes a winnow prune output (summary.json and groups.csv, or keep-<f>/"
          + " sub-folders for several fractions) or a winnow run folder (DIR/prune/..., and"
          + " DIR/curve/curve.csv when present). The embeddings and the dataset are found through"
          + " the paths the summaries and the embeddings record; --embeddings and --data override"
          + " them. Inputs whose dataset index hashes disagree are refused.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow report --run pruned                       writes pruned/report.html",
      "  winnow report --run out/run --out run.html --overwrite",
      "  winnow report --prune pruned/keep-0.9 --curve curve/curve.csv --out report.html",
      "  winnow report --run out/run --advise advice --overwrite",
      "      (winnow advise --out out/run/advise is picked up without --advise)",
      "  winnow report --run pruned --embeddings moved/emb.h5 --data ~/data/fashion-mnist"
    })
final class ReportCommand implements Callable<Integer> {

  /** Either a run folder or explicit prune folders. */
  static final class Source {
    @Option(
        names = "--run",
        paramLabel = "DIR",
        description = "A prune output or winnow run folder; the curve is picked up if present.")
    Path run;

    @Option(
        names = "--prune",
        split = ",",
        paramLabel = "DIR",
        description = "Prune output folder(s) with summary.json and groups.csv, comma-separated.")
    List<Path> prune;
  }

  @ArgGroup(multiplicity = "1")
  Source source;

  @Option(
      names = "--embeddings",
      paramLabel = "FILE",
      description = "The embeddings file, if not where summary.json records it.")
  Path embeddings;

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = "The dataset, if not where the embeddings file records it.")
  Path data;

  @Option(names = "--curve", paramLabel = "FILE", description = "A curve.csv to plot.")
  Path curve;

  @Option(
      names = "--active",
      paramLabel = "DIR",
      description = "A winnow active simulate folder: its plot and a table of its learners.")
  Path active;

  @Option(
      names = "--advise",
      paramLabel = "DIR",
      description =
          "A winnow advise folder: the recommended fraction, how it was chosen, the probe's plot"
              + " and, with a curve (--curve, a --run folder's, or the one advise compared with),"
              + " the probe's fraction beside the retrained curve's. Default with --run:"
              + " DIR/advise when it holds advice.json.")
  Path advise;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The HTML file (default with --run: DIR/report.html).")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing output file.")
  boolean overwrite;

  @Option(
      names = "--groups-per-class",
      defaultValue = "3",
      paramLabel = "N",
      description = "Largest redundant groups shown per class (default: ${DEFAULT-VALUE}).")
  int groupsPerClass;

  @Option(
      names = "--max-members",
      defaultValue = "48",
      paramLabel = "N",
      description = "Thumbnails shown per group at most (default: ${DEFAULT-VALUE}).")
  int maxMembers;

  @Mixin LogMixin logging;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (groupsPerClass < 0 || maxMembers < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--groups-per-class must be >= 0 and --max-members >= 1");
    }
    Path target = out;
    List<Path> folders;
    Optional<Path> curveFile = Optional.ofNullable(curve);
    Optional<Path> adviseFolder = Optional.ofNullable(advise);
    if (source.run != null) {
      folders = ReportRequest.pruneFoldersIn(source.run);
      if (curveFile.isEmpty()) {
        curveFile = ReportRequest.curveIn(source.run);
      }
      if (adviseFolder.isEmpty()) {
        adviseFolder = ReportRequest.adviseIn(source.run);
      }
      if (target == null) {
        target = source.run.resolve("report.html");
      }
    } else {
      folders = source.prune;
      if (target == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--out is required with --prune");
      }
    }
    ReportRequest request =
        new ReportRequest(
            folders,
            Optional.ofNullable(embeddings),
            Optional.ofNullable(data),
            curveFile,
            Optional.ofNullable(active),
            adviseFolder,
            target,
            overwrite,
            groupsPerClass,
            maxMembers,
            Winnow.version());
    // The log goes beside the report (for --run, the run's own winnow.log), once the inputs are
    // known to exist, so that a mistyped path leaves nothing behind.
    HtmlReport.checkOutput(request); // before the log is opened beside the report
    try (OutputLock claim = OutputLock.acquire(target);
        RunLog log = logging.open(target.toAbsolutePath().normalize().getParent())) {
      return log.guard(
          () -> {
            HtmlReport.Written w = HtmlReport.write(request, log.progress());
            spec.commandLine()
                .getOut()
                .printf(
                    "Wrote %s (%d section%s, %d groups, %d thumbnails%s)%n",
                    w.out(),
                    w.sections(),
                    w.sections() == 1 ? "" : "s",
                    w.groupsShown(),
                    w.thumbnails(),
                    w.curve() ? ", redundancy curve" : "");
            spec.commandLine().getOut().flush();
            return 0;
          });
    }
  }
}
