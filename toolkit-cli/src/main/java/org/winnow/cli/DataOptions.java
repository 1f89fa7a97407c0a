package org.winnow.cli;

import java.nio.file.Path;
import org.winnow.datasets.BadImagePolicy;
import org.winnow.datasets.DatasetFormat;
import org.winnow.datasets.OpenOptions;
import picocli.CommandLine.Option;

/** The options every command that reads a dataset shares. */
final class DataOptions {

  @Option(
      names = "--data",
      paramLabel = "PATH",
      description = "Dataset folder. Default: the bundled Fashion-MNIST sample.")
  Path data;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      converter = FormatConverter.class,
      description = "Force the format instead of detecting it: cifar10, cifar100, idx, folder.")
  DatasetFormat format;

  @Option(
      names = "--on-bad-image",
      paramLabel = "POLICY",
      defaultValue = "fail",
      description =
          "What to do with an unreadable image in a folder dataset: fail (default) or skip.")
  BadImagePolicy onBadImage;

  /** The folder to read. */
  Path path() {
    return data != null ? data : Winnow.bundledSample();
  }

  /** Whether the user left --data out. */
  boolean isBundledSample() {
    return data == null;
  }

  /** Open options for these flags. */
  OpenOptions openOptions() {
    OpenOptions o = OpenOptions.defaults().withOnBadImage(onBadImage);
    return format == null ? o : o.withFormat(format);
  }

  /** Parses {@code --format} with the accepted names in the error. */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<DatasetFormat> {
    @Override
    public DatasetFormat convert(String value) {
      try {
        return DatasetFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
