package org.winnow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --out DIR} and {@code --overwrite}, as every command that writes one output folder takes
 * them: the folder is refused when it exists unless {@code --overwrite}, which only ever replaces a
 * folder Winnow wrote ({@code OutputGuard}).
 */
final class OutputFolderOptions {

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder; refused if it exists, unless --overwrite.")
  Path out;

  @Option(names = "--overwrite", description = "Replace an existing output folder.")
  boolean overwrite;
}
