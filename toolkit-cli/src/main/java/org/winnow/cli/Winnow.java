package org.winnow.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.winnow.datasets.DatasetException;
import org.winnow.embed.EmbeddingException;
import org.winnow.nets.CheckpointException;
import org.winnow.nets.OfflineDjl;
import org.winnow.train.TrainingException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code winnow} command. */
@Command(
    name = "winnow",
    mixinStandardHelpOptions = true,
    versionProvider = Winnow.Version.class,
    subcommands = {
      DatasetsCommand.class,
      EmbedCommand.class,
      EmbeddingsCommand.class,
      PruneCommand.class,
      ApplyCommand.class,
      AuditCommand.class,
      ActiveCommand.class,
      TrainCommand.class,
      RunCommand.class,
      CurveCommand.class,
      AdviseCommand.class,
      DemoCommand.class,
      ReportCommand.class,
      DoctorCommand.class,
      SetupGpuCommand.class,
      CommandLine.HelpCommand.class
    },
    description = {
      "Finds redundant samples in image-classification datasets, removes them, and measures by"
          + " retraining how much can go without losing accuracy.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow datasets inspect                     the bundled Fashion-MNIST sample",
      "  winnow datasets inspect --data ~/cifar-10-batches-bin",
      "  winnow datasets inspect --data ~/imagenet --on-bad-image skip",
      "  winnow embed --model resnet20 --out embeddings.h5",
      "  winnow embeddings inspect embeddings.h5",
      "  winnow prune --embeddings emb.h5 --method semantic --keep 0.9,0.8 --out pruned",
      "  winnow apply --keep pruned/keep-0.9/keep.csv --data ~/imagenet --out ~/imagenet-90",
      "  winnow train --keep pruned/keep-0.9/keep.csv --arch resnet20 --out runs/r20-90",
      "  winnow run --data ~/cifar-10-batches-bin --keep 0.9 --out c10",
      "  winnow curve --embeddings c10/embed/embeddings.h5 --fractions 1.0,0.9,0.8 --out curve",
      "  winnow advise --embeddings train.h5 --test-embeddings test.h5 --out advice",
      "  winnow audit leakage --data ~/fashion-mnist --model runs/r20 --out leak",
      "  winnow active next --embeddings pool.h5 --labelled labelled.csv --budget 100 --out b1",
      "  winnow active simulate --embeddings c10/embed/embeddings.h5 --pool all,seals --out al",
      "  winnow demo",
      "  winnow setup-gpu                            once, to train and embed on an NVIDIA GPU",
      "",
      "Exit codes: 0 success, 1 failure, 2 usage error."
    })
public final class Winnow implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a command: the usage, on standard error, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return CommandLine.ExitCode.USAGE;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    // Before any command can load DJL's engine, whether or not the launcher set DJL_OFFLINE.
    OfflineDjl.apply();
    CommandLine cl = new CommandLine(new Winnow());
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(Winnow::usageError);
    cl.setExecutionExceptionHandler(Winnow::failure);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // picocli passes errors through; the readers check declared sizes, this catches the rest
      err.println(outOfMemory(Runtime.getRuntime().maxMemory()));
      return CommandLine.ExitCode.SOFTWARE;
    } catch (Error e) {
      // a native library that does not link, a stack overflow: one line too, not a JVM trace
      return internalError(e, err);
    }
  }

  /** The one line for a run that ran out of heap: what Java may use, and twice that to try. */
  static String outOfMemory(long maxHeapBytes) {
    long gib = Math.max(1, (maxHeapBytes + (1L << 30) - 1) >> 30);
    return "winnow: error: out of memory: Java may use "
        + gib
        + " GiB here; rerun with WINNOW_JAVA_OPTS=-Xmx"
        + 2 * gib
        + "g (or more) on a machine with that much memory";
  }

  /** The folder holding the bundled sample: set by the launcher, else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("winnow.home", ".")).toAbsolutePath().normalize();
  }

  /** The bundled Fashion-MNIST sample, the default for {@code --data}. */
  static Path bundledSample() {
    return home().resolve("datasets/sample/fashion-mnist-small");
  }

  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr().println("winnow: " + e.getMessage());
    cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
    return CommandLine.ExitCode.USAGE;
  }

  private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof DatasetException
        || e instanceof EmbeddingException
        || e instanceof CheckpointException
        || e instanceof TrainingException
        || e instanceof IllegalArgumentException
        || e instanceof UncheckedIOException
        || e instanceof IOException) {
      err.println("winnow: error: " + oneLine(e.getMessage()));
    } else {
      return internalError(e, err);
    }
    if (System.getenv("WINNOW_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return CommandLine.ExitCode.SOFTWARE;
  }

  /** One line for what no input should cause; the trace only with WINNOW_DEBUG. */
  static int internalError(Throwable e, PrintWriter err) {
    err.println(
        "winnow: internal error: "
            + e.getClass().getSimpleName()
            + ": "
            + oneLine(String.valueOf(e.getMessage()))
            + " (set WINNOW_DEBUG=1 for the stack trace)");
    if (System.getenv("WINNOW_DEBUG") != null) {
      e.printStackTrace(err);
    }
    return CommandLine.ExitCode.SOFTWARE;
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replace('\n', ' ').strip();
  }

  /** Prints the Winnow version, and the Java running it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "winnow " + version(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }

  /** The version of this build, from the filtered {@code winnow-version.properties}. */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Winnow.class.getResourceAsStream("/winnow-version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version", "unknown");
  }
}
