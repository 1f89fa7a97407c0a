package org.winnow.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.winnow.datasets.OpenOptions;
import org.winnow.train.curve.CurveTrainer;

/** Stub until the train branch is merged. */
final class TrainingMixin {
  @picocli.CommandLine.Option(names = "--epochs", defaultValue = "1")
  int epochs;

  CurveTrainer trainer(Path data, OpenOptions open, Optional<Path> referenceEmbeddings) {
    return demoTrainer(data, 1);
  }

  static CurveTrainer demoTrainer(Path data, int epochs) {
    return new CurveTrainer() {
      @Override
      public java.util.SortedMap<String, String> settings() {
        return new java.util.TreeMap<>();
      }

      @Override
      public Outcome train(Request request, org.winnow.datasets.Progress progress) {
        throw new IllegalStateException("training is not merged yet");
      }
    };
  }
}
