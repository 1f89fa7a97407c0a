package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.winnow.prune.Arrivals;
import org.winnow.prune.ArrivalsSummary;
import org.winnow.prune.KeepFractions;
import org.winnow.prune.MethodOption;
import org.winnow.prune.PruneSummary;
import org.winnow.prune.Pruning;
import org.winnow.prune.Selector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code winnow prune}: keep-lists from embeddings, by any registered selection method ({@link
 * MethodOptions} adds the methods' options).
 */
@Command(
    name = "prune",
    mixinStandardHelpOptions = true,
    modelTransformer = MethodOptions.class,
    description = {
      "Chooses the samples to keep from an embeddings file (winnow embed, or h5py with the same"
          + " layout) and writes keep.csv (the kept samples, for training code), groups.csv (every"
          + " sample's redundant group and representative) and summary.json (per-class counts,"
          + " group-size histogram, mean dissimilarity, manifest). Several --keep fractions get"
          + " one sub-folder each (keep-0.9, ...). A method that selects at similarity thresholds"
          + " (semdedup --epsilon) takes them instead of --keep, writes one sub-folder per"
          + " threshold (eps-0.05, ...) and prints the fraction each kept. With --against, new"
          + " samples are deduplicated against an earlier run's kept samples and among themselves"
          + " instead, and the updated keep-list is written.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow prune --embeddings emb.h5 --method semantic --keep 0.9 --out pruned",
      "  winnow prune --embeddings emb.h5 --method semantic --keep 0.9,0.8,0.7 --out curve",
      "  winnow prune --embeddings emb.h5 --method random --keep 0.9 --seed 7 --out random-7",
      "  winnow prune --embeddings emb.h5 --method saln --keep 0.8 --batch-size 256 --out saln",
      "  winnow prune --embeddings emb.h5 --method semdedup --epsilon 0.01,0.05,0.1 --out dedup",
      "  winnow prune --embeddings emb.h5 --method semdedup --keep 0.8 --out dedup-80"
          + "     finds the epsilon",
      "  winnow prune --embeddings imagenet.h5 --method semantic --keep 0.9 \\",
      "      --max-cluster-size 20000 --out pruned     classes over 20,000 split by k-means first",
      "  winnow prune --against pruned --embeddings new.h5 --out pruned-2"
          + "     new samples against pruned's kept",
      "  winnow prune --against pruned-2 --embeddings day3.h5 --out pruned-3"
          + "     and the next day's against that"
    })
final class PruneCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      paramLabel = "FILE",
      description =
          "Embeddings: HDF5 from winnow embed (/embeddings, /labels, /ids, /class_names),"
              + " NumPy .npy (labels.npy beside it) or .npz.")
  Path embeddings;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      completionCandidates = MethodOptions.Names.class,
      description =
          "${COMPLETION-CANDIDATES} (see Methods above). Required, except with --against.")
  String method;

  @Option(
      names = "--against",
      paramLabel = "DIR",
      description =
          "An earlier winnow prune output (one selection): drop each new sample (--embeddings)"
              + " within the threshold of one of its kept samples or of an earlier new one that is"
              + " kept, and write the earlier keep-list plus the new kept samples. Reads the"
              + " earlier embeddings its manifest records; the folder is never modified. It may"
              + " itself be an --against output (day 3 against day 2's): its keep-list and"
              + " thresholds carry over.")
  Path against;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "With --against: the largest 1 - cos at which a new sample is redundant (default: the"
              + " earlier run's: semdedup's epsilon; for semantic, per class, the largest 1 - cos"
              + " at which it removed a sample; other methods need --threshold).")
  Double threshold;

  @Option(
      names = "--keep",
      split = ",",
      paramLabel = "F",
      description =
          "Fraction(s) of each class to keep, in (0, 1], comma-separated. Required, except with"
              + " semdedup --epsilon, which it then contradicts.")
  List<Double> keep;

  @Mixin OutputFolderOptions output;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of the methods that draw at random (default: ${DEFAULT-VALUE}).")
  long seed;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (against != null || threshold != null) {
      return arrivals();
    }
    if (method == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--method=METHOD'");
    }
    Selector selector = MethodOptions.spec(spec, method).create(seed);
    boolean byThreshold = !selector.thresholds().isEmpty();
    try {
      if (byThreshold && keep != null) {
        throw new IllegalArgumentException(
            "--keep and --epsilon: give one ("
                + selector.name()
                + " keeps what --epsilon leaves, or searches for the epsilon that keeps --keep)");
      }
      if (!byThreshold) {
        if (keep == null) {
          throw new IllegalArgumentException("Missing required option: '--keep=F'");
        }
        KeepFractions.checkAll("--keep", "--keep", keep);
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Pruning.Report report =
        Pruning.run(
            new Pruning.Request(
                embeddings,
                selector,
                byThreshold ? List.of() : keep,
                output.out,
                output.overwrite,
                Winnow.version()),
            ConsoleProgress.forStderr(spec.commandLine().getErr()));
    PrintWriter o = spec.commandLine().getOut();
    for (int i = 0; i < report.summaries().size(); i++) {
      PruneSummary s = report.summaries().get(i);
      String epsilon =
          s.threshold()
              .map(
                  t ->
                      String.format(Locale.ROOT, "epsilon %s: ", KeepFractions.format(t.epsilon())))
              .orElse("");
      o.printf(
          "%s%s: %,d of %,d samples in %d classes -> %s%n",
          epsilon,
          byThreshold
              ? String.format(
                  Locale.ROOT, "kept %.4f", s.overall().kept() / (double) s.overall().n())
              : "keep " + KeepFractions.format(s.fraction()),
          s.overall().kept(),
          s.overall().n(),
          s.classes().size(),
          report.folders().get(i).resolve("keep.csv"));
      s.diameters().ifPresent(d -> o.println("  " + floor(d)));
    }
    o.flush();
    printTook(
        report.timings(),
        selector.name(),
        report.resumedClasses() > 0
            ? String.format(
                Locale.ROOT,
                " (continued an interrupted run: %d of %d classes were done)",
                report.resumedClasses(),
                report.summaries().getFirst().classes().size())
            : "");
    return 0;
  }

  private int arrivals() throws IOException {
    if (against == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threshold applies to --against only");
    }
    if (method != null || keep != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--against keeps the earlier run's method and cut: --method and --keep do not apply");
    }
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      if (o.userObject() instanceof MethodOption
          && spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            o.longestName() + " is a method's option; --against keeps the earlier run's method");
      }
    }
    Arrivals.Report report;
    try {
      report =
          Arrivals.run(
              new Arrivals.Request(
                  against,
                  embeddings,
                  threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold),
                  output.out,
                  output.overwrite,
                  Winnow.version()),
              ConsoleProgress.forStderr(spec.commandLine().getErr()));
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("--threshold")) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      throw e;
    }
    ArrivalsSummary.Counts all = report.summary().overall();
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "against %s: kept %,d of %,d new samples (%,d redundant with its kept, %,d among"
            + " themselves); %,d kept in all -> %s%n",
        report.summary().earlierMethod(),
        all.kept(),
        all.arrivals(),
        all.redundantWithEarlier(),
        all.redundantAmongArrivals(),
        all.keptInAll(),
        report.out().resolve("keep.csv"));
    o.flush();
    printTook(report.timings(), "dedup", "");
    return 0;
  }

  /** The time line on stderr: the total, then each stage ({@code stage} names the middle one). */
  private void printTook(Pruning.Timings t, String stage, String note) {
    PrintWriter e = spec.commandLine().getErr();
    e.printf(
        Locale.ROOT,
        "took %.2f s: read %.2f s, %s %.2f s, write %.2f s%s%n",
        t.read() + t.select() + t.write(),
        t.read(),
        stage,
        t.select(),
        t.write(),
        note);
    e.flush();
  }

  /** The floor a selection promises, as {@code winnow prune} prints it. */
  static String floor(PruneSummary.Diameters d) {
    return String.format(
        Locale.ROOT,
        "every group's members are within 1 - cos %.6f of each other (group diameter: median"
            + " %.6f, 90th percentile %.6f over %,d groups of 2+)",
        d.max(),
        d.median(),
        d.p90(),
        d.groups());
  }
}
