package org.winnow.train;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the bundled Fashion-MNIST sample. */
final class TrainTestData {

  private TrainTestData() {}

  /** The bundled sample, from the module or the repository root. */
  static Path sample() {
    for (Path p :
        new Path[] {
          Path.of("../datasets/sample/fashion-mnist-small"),
          Path.of("datasets/sample/fashion-mnist-small")
        }) {
      if (Files.isDirectory(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException("bundled sample not found");
  }

  /** The first {@code n} train samples of each class of {@code data}. */
  static KeepIds perClass(Path data, int n) {
    java.util.Map<Integer, Integer> taken = new java.util.HashMap<>();
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (org.winnow.datasets.Sample s :
        org.winnow.datasets.Datasets.open(data).samples(org.winnow.datasets.Split.TRAIN)) {
      if (taken.merge(s.label(), 1, Integer::sum) <= n) {
        ids.add(s.id());
      }
    }
    return KeepIds.of(ids);
  }

  /**
   * Options for a small CPU run on the bundled sample: {@code perClass} train images of each class,
   * written to {@code dir/name}.
   */
  static TrainOptions small(Path dir, String name, int perClass, int batch, int epochs) {
    Path sample = sample();
    return TrainOptions.defaults(sample, dir.resolve(name))
        .withRun(r -> r.withDevice(ai.djl.Device.cpu()))
        .withData(d -> d.withKeep(java.util.Optional.of(perClass(sample, perClass))))
        .withRecipe(r -> r.withBatchSize(batch).withEpochs(epochs));
  }
}
