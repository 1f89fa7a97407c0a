package org.winnow.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.EmbeddingSummary;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code winnow embeddings inspect FILE}: shape, classes, counts, model and manifest, of any format
 * {@link EmbeddingSource} reads.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description =
        "Prints the shape, classes with per-class counts, and attributes of a file of"
            + " embeddings: HDF5, NumPy .npy (with labels.npy beside it) or .npz.",
    footer = {
      "",
      "Examples:",
      "  winnow embeddings inspect embeddings.h5",
      "  winnow embeddings inspect features/X.npy"
    })
final class EmbeddingsInspectCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The .h5, .npy or .npz file.")
  Path file;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    EmbeddingSummary s = EmbeddingSource.of(file).summarize();
    Map<String, String> a = s.attributes();
    out.printf(Locale.ROOT, "File     %s%n", s.file().toAbsolutePath());
    out.printf(Locale.ROOT, "Shape    %,d x %d%n", s.rows(), s.dimension());
    out.printf(Locale.ROOT, "Model    %s%n", a.getOrDefault("model", "(not recorded)"));
    out.printf(Locale.ROOT, "Layer    %s%n", a.getOrDefault("layer", "(not recorded)"));
    out.printf(
        Locale.ROOT,
        "Dataset  %s  (%s, split %s)%n",
        a.getOrDefault(EmbeddingsHeader.DATASET_PATH, "?"),
        a.getOrDefault(EmbeddingsHeader.DATASET_FORMAT, "?"),
        a.getOrDefault(EmbeddingsHeader.SPLIT, "?"));
    out.printf(
        Locale.ROOT, "Index    sha256 %s%n", a.getOrDefault(EmbeddingsHeader.INDEX_SHA256, "?"));
    out.printf(
        Locale.ROOT,
        "Created  %s by winnow %s%n",
        a.getOrDefault("created", "?"),
        a.getOrDefault("winnow_version", "?"));
    out.printf(Locale.ROOT, "Classes  %d%n%n", s.classNames().size());
    out.printf(Locale.ROOT, "  label class                rows%n");
    for (int i = 0; i < s.classNames().size(); i++) {
      out.printf(
          Locale.ROOT, "  %5d %-16s %,9d%n", i, s.classNames().get(i), s.countsPerClass()[i]);
    }
    out.printf(Locale.ROOT, "        %-16s %,9d%n%n", "total", s.rows());
    out.printf(
        Locale.ROOT, "Preprocessing  %s%n", a.getOrDefault("preprocessing", "(not recorded)"));
    out.printf(
        Locale.ROOT,
        "Manifest       %s%n",
        a.getOrDefault(EmbeddingsHeader.MANIFEST, "(not recorded)")
            .strip()
            .replace("\n", "\n               "));
    return 0;
  }
}
