package org.winnow.cli;

import picocli.CommandLine.Option;

/**
 * The acquisition options that {@code winnow active next} and {@code winnow active simulate} share:
 * information density's exponent and the SEALS candidate pool's neighbours and index.
 */
final class AcquisitionOptions {

  @Option(
      names = "--beta",
      defaultValue = "1",
      paramLabel = "B",
      description = "Information density's exponent on the density (default: ${DEFAULT-VALUE}).")
  double beta;

  @Option(
      names = "--seals-k",
      defaultValue = "100",
      paramLabel = "K",
      description = "Neighbours per labelled sample in the SEALS pool (default: ${DEFAULT-VALUE}).")
  int sealsK;

  @Option(
      names = "--seals-index",
      defaultValue = "exact",
      paramLabel = "I",
      description =
          "exact, or lsh (random-hyperplane hashing, for pools of millions; default:"
              + " ${DEFAULT-VALUE}).")
  String index;
}
