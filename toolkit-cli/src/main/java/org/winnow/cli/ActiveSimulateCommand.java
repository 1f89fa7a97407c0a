package org.winnow.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.winnow.prune.active.IndexKind;
import org.winnow.prune.active.OptionException;
import org.winnow.prune.active.PoolMode;
import org.winnow.prune.active.Simulation;
import org.winnow.prune.active.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code winnow active simulate}: active learning with the labels as the oracle ({@link
 * Simulation}).
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Simulates pool-based active learning on a labelled embeddings file: holds out a test set,"
          + " labels --initial samples, then for --rounds rounds trains a linear head, scores the"
          + " pool and labels the --budget best, per strategy, pool and trial. Writes rounds.csv"
          + " (strategy, pool, trial, round, labelled, candidates_scored, test_acc,"
          + " select_seconds, train_seconds), each round's labelled set as a keep-list under"
          + " labelled/, active.png and active.svg, and manifest.json. A killed run continues"
          + " from its last finished rounds when rerun.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow active simulate --embeddings emb.h5 --out al",
      "  winnow active simulate --embeddings emb.h5 --strategies maxent,id,random \\",
      "      --pool all,seals --initial 100 --budget 100 --rounds 10 --trials 3 --out al"
    })
final class ActiveSimulateCommand implements Callable<Integer> {

  @Option(
      names = "--embeddings",
      required = true,
      paramLabel = "FILE",
      description = "A labelled dataset's embeddings (HDF5 from winnow embed, .npy or .npz).")
  Path embeddings;

  @Option(
      names = "--initial",
      defaultValue = "100",
      paramLabel = "N0",
      description = "Samples labelled before the first round (default: ${DEFAULT-VALUE}).")
  int initial;

  @Option(
      names = "--initial-draw",
      defaultValue = "balanced",
      paramLabel = "D",
      description =
          "balanced (the same number from each class) or random (default: ${DEFAULT-VALUE}).")
  String initialDraw;

  @Option(
      names = "--budget",
      defaultValue = "100",
      paramLabel = "B",
      description = "Samples labelled per round (default: ${DEFAULT-VALUE}).")
  int budget;

  @Option(
      names = "--rounds",
      defaultValue = "10",
      paramLabel = "R",
      description = "Rounds after the initial labels (default: ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--strategies",
      defaultValue = "maxent,id,margin,random",
      split = ",",
      paramLabel = "S",
      description = "maxent, id, margin, random, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> strategies;

  @Option(
      names = "--pool",
      defaultValue = "all",
      split = ",",
      paramLabel = "P",
      description = "all, seals, or both comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> pools;

  @Option(
      names = "--trials",
      defaultValue = "3",
      paramLabel = "T",
      description = "Trials, each from its own initial labels (default: ${DEFAULT-VALUE}).")
  int trials;

  @Mixin AcquisitionOptions acquisition;

  @Option(
      names = "--test-fraction",
      defaultValue = "0.2",
      paramLabel = "F",
      description =
          "Share of each class held out to measure test accuracy (default: ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description = "Seed of every draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Mixin OutputFolderOptions output;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    Simulation.Request request =
        ActiveCommand.option(
            spec,
            () -> {
              if (!initialDraw.equals("balanced") && !initialDraw.equals("random")) {
                throw new IllegalArgumentException(
                    "--initial-draw " + initialDraw + ": choose balanced or random");
              }
              return new Simulation.Request(
                  embeddings,
                  initial,
                  initialDraw.equals("balanced"),
                  budget,
                  rounds,
                  strategies.stream().map(Strategy::parse).toList(),
                  pools.stream().map(PoolMode::parse).toList(),
                  trials,
                  acquisition.beta,
                  acquisition.sealsK,
                  IndexKind.parse(acquisition.index),
                  testFraction,
                  seed,
                  output.out,
                  output.overwrite,
                  Winnow.version());
            });
    Simulation.Report report;
    try {
      report = Simulation.run(request, ConsoleProgress.forStderr(spec.commandLine().getErr()));
    } catch (OptionException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter o = spec.commandLine().getOut();
    o.printf(
        Locale.ROOT,
        "%,d rounds on a pool of %,d (%,d held out for testing) -> %s%n",
        report.rows().size(),
        report.poolSize(),
        report.testSize(),
        report.out().resolve("rounds.csv"));
    if (report.resumedRounds() > 0) {
      o.printf(
          Locale.ROOT,
          "continued an interrupted run: %,d rounds were done%n",
          report.resumedRounds());
    }
    o.flush();
    return 0;
  }
}
