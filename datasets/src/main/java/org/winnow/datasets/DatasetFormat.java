package org.winnow.datasets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The on-disk dataset formats Winnow reads. */
public enum DatasetFormat {
  /** CIFAR-10 binary version: {@code data_batch_[1-5].bin}, {@code test_batch.bin}. */
  CIFAR10("cifar10"),
  /** CIFAR-100 binary version: {@code train.bin}, {@code test.bin}, fine and coarse labels. */
  CIFAR100("cifar100"),
  /** IDX files as used by MNIST and Fashion-MNIST, plain or gzipped. */
  IDX("idx"),
  /** An ImageNet-style folder: {@code root/[split/]class/.../image}. */
  FOLDER("folder");

  private final String cliName;

  DatasetFormat(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in manifests. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a command-line name.
   *
   * @throws IllegalArgumentException naming the accepted values
   */
  public static DatasetFormat parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (DatasetFormat f : values()) {
      if (f.cliName.equals(wanted)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown dataset format '"
            + name
            + "' (expected one of "
            + Arrays.stream(values()).map(DatasetFormat::cliName).collect(Collectors.joining(", "))
            + ")");
  }
}
