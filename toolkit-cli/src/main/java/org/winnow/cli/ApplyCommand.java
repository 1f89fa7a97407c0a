package org.winnow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.winnow.prune.apply.KeepListApply;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code winnow apply}: a pruned copy of a folder dataset. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Materialises a keep-list as a new ImageNet-style folder with the same relative paths, for"
          + " training code that takes a folder. Folder datasets only (their sample ids are the"
          + " relative paths). The source is never modified; every id is checked before anything"
          + " is written.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  winnow apply --keep pruned/keep.csv --data ~/imagenet --out ~/imagenet-90",
      "  winnow apply --keep curve/keep-0.8/keep.csv --data ~/pets --out ~/pets-80 --link sym"
    })
final class ApplyCommand implements Callable<Integer> {

  @Option(
      names = "--keep",
      required = true,
      paramLabel = "FILE",
      description = "A keep.csv written by winnow prune.")
  Path keep;

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FOLDER",
      description = "The folder dataset the keep-list was made from.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "NEW_FOLDER",
      description = "The folder to create, outside --data.")
  Path out;

  @Option(
      names = "--link",
      defaultValue = "copy",
      paramLabel = "MODE",
      converter = LinkConverter.class,
      description =
          "hard (hard links: no space, same file system; editing one edits the source), sym"
              + " (symbolic links) or copy (default).")
  KeepListApply.Link link;

  @Option(names = "--overwrite", description = "Replace an existing output folder.")
  boolean overwrite;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    int n =
        KeepListApply.apply(
            new KeepListApply.Request(keep, data, out, link, overwrite),
            ConsoleProgress.forStderr(spec.commandLine().getErr()));
    spec.commandLine()
        .getOut()
        .printf(
            "Wrote %,d files (%s) to %s%n",
            n, link.name().toLowerCase(java.util.Locale.ROOT), out.toAbsolutePath());
    return 0;
  }

  /** Parses {@code --link} with the accepted names in the error. */
  static final class LinkConverter implements CommandLine.ITypeConverter<KeepListApply.Link> {
    @Override
    public KeepListApply.Link convert(String value) {
      try {
        return KeepListApply.Link.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
