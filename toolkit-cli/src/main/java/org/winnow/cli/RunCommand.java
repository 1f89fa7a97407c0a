package org.winnow.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.winnow.datasets.OutputLock;
import org.winnow.pipeline.MainJob;
import org.winnow.prune.MethodSpec;
import org.winnow.prune.SemanticSelector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code winnow run}: the main job, reference training to keep-list in one command, with any
 * registered selection method ({@link MethodOptions} adds the methods' options).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    modelTransformer = MethodOptions.class,
    description = {
      "Runs the whole pipeline of 'The 10%% You Don't Need': trains a reference network on the"
          + " full train split (reference/; skipped with --model), embeds the train split with it"
          + " (embed/embeddings.h5), prunes it with --method (prune/; semantic clustering by"
          + " default), and writes"
          + " keep.csv, groups.csv, summary.json and report.html to --out, with winnow.log.",
      "",
      "Each stage folder holds a manifest.json with its options and input hashes. A rerun skips"
          + " the stages that are complete with the same inputs and options, continues an"
          + " interrupted one, and redoes a stage whose options changed and every stage after it.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow run --keep 0.9 --out out/sample                  the bundled sample",
      "  winnow run --data ~/cifar-10-batches-bin --keep 0.9 --arch resnet18 --epochs 30 --out c10",
      "  winnow run --data ~/pets --keep 0.8 --model resnet50.pt --out pets   your TorchScript model",
      "  winnow run --data ~/cifar-10-batches-bin --keep 0.8 --out c10   rerun: only prune is redone"
    })
final class RunCommand implements Callable<Integer> {

  @Mixin DataOptions data;

  @Mixin TrainingMixin training;

  @Option(
      names = "--keep",
      required = true,
      paramLabel = "F",
      description = "Fraction of each class to keep, in (0, 1].")
  double keep;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The job's folder.")
  Path out;

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      completionCandidates = MethodOptions.Names.class,
      description = "${COMPLETION-CANDIDATES} (see Methods above). Default: semantic.")
  String method;

  @Option(
      names = "--model",
      paramLabel = "SPEC",
      description =
          "Embed with this model instead of training one: a TorchScript file, a winnow train run"
              + " folder or checkpoint, or resnet20/resnet32/resnet18 (random initialisation).")
  String model;

  @Option(
      names = "--seed",
      defaultValue = "2026",
      paramLabel = "S",
      description =
          "Seed of the reference training and of a --method that draws at random."
              + " Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--embed-batch-size",
      defaultValue = "256",
      paramLabel = "N",
      description = "Images per forward pass when embedding. Default: ${DEFAULT-VALUE}.")
  int embedBatchSize;

  @Mixin LogMixin logging;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    MainJob.Request request;
    org.winnow.train.curve.CurveTrainer trainer;
    MethodSpec methodSpec =
        MethodOptions.spec(spec, method != null ? method : SemanticSelector.METHOD.name());
    if (!methodSpec.create(seed).thresholds().isEmpty()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--epsilon: winnow run keeps --keep; "
              + methodSpec.method().name()
              + " searches for the epsilon that keeps it (winnow prune --epsilon selects at"
              + " given epsilons)");
    }
    try {
      trainer = training.trainer(data.path(), data.openOptions(), Optional.empty());
      request =
          new MainJob.Request(
              data.path(),
              data.openOptions(),
              keep,
              out,
              Optional.ofNullable(model),
              seed,
              embedBatchSize,
              methodSpec,
              Winnow.version());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    // Refused or claimed before the log is opened there: nothing is written into an input, and a
    // second run on the same folder fails before it touches the first one's log.
    MainJob.checkOutput(request);
    try (OutputLock claim = OutputLock.acquire(out);
        RunLog log = logging.open(out)) {
      return log.guard(
          () -> {
            MainJob.Result r = MainJob.run(request, trainer, log.progress(), log.notes());
            var o = spec.commandLine().getOut();
            o.printf(
                Locale.ROOT,
                "Kept     %,d of %,d training samples -> %s%n",
                r.kept(),
                r.total(),
                r.keepCsv());
            o.printf(
                Locale.ROOT,
                "Stages   %s%n",
                r.built().isEmpty() ? "all up to date" : "built " + String.join(", ", r.built()));
            o.printf(Locale.ROOT, "Report   %s%n", r.report());
            o.flush();
            return 0;
          });
    }
  }
}
