package org.winnow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.train.TrainOptions;
import org.winnow.train.curve.CurveTrainer;
import org.winnow.train.curve.TrainingCurveTrainer;

/**
 * The demo's chain on a tiny synthetic dataset with real one-epoch training: run, curve, and the
 * reference training reused as the curve's full run. (The demo on the bundled sample runs in CI:
 * .ci/run.)
 */
class DemoTest {

  @TempDir Path dir;

  /** Counts the networks actually trained. */
  private record Counting(CurveTrainer inner, List<String> trained) implements CurveTrainer {
    @Override
    public SortedMap<String, String> settings() {
      return inner.settings();
    }

    @Override
    public Outcome train(Request r, Progress progress) throws IOException {
      trained.add(r.runDir().getFileName().toString());
      return inner.train(r, progress);
    }
  }

  @Test
  void trainsTheReferenceOnceForTheRunAndTheCurve() throws IOException {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    SyntheticBinaries.writeIdx(data, 60, 20, 8, 8, false, 9);
    List<String> trained = new ArrayList<>();
    CurveTrainer trainer =
        new Counting(
            new TrainingCurveTrainer(
                TrainOptions.defaults(data, data)
                    .withRecipe(r -> r.withEpochs(1).withBatchSize(32))
                    .withRun(r -> r.withDevice(Device.cpu()).withVersion("test"))),
            trained);
    Demo.Request request =
        new Demo.Request(
            data,
            dir.resolve("demo"),
            0.9,
            List.of(1.0, 0.5),
            List.of("semantic", "random"),
            1,
            2026,
            "test");
    Demo.Result r = Demo.run(request, trainer, Progress.NONE, line -> {});

    assertEquals(List.of("run", "semantic-0.5-t1", "random-0.5-t1"), trained);
    assertEquals(50, r.run().kept());
    assertTrue(
        Files.isRegularFile(dir.resolve("demo/curve/runs/full-1-t1/checkpoint/checkpoint.json")));
    List<String> curve = Files.readAllLines(r.curve().curveCsv());
    assertEquals(5, curve.size(), curve.toString());
    assertTrue(curve.get(1).startsWith("semantic,1,60,"), curve.get(1));
    assertTrue(curve.get(2).startsWith("semantic,0.5,30,"), curve.get(2));

    assertTrue(Files.readString(r.report()).contains("<section id=\"curve\">"));
    assertTrue(Files.size(r.curve().out().resolve("curve.png")) > 0);
    assertTrue(Files.readString(r.curve().out().resolve("curve.svg")).contains("<svg"));

    trained.clear();
    Demo.run(request, trainer, Progress.NONE, line -> {});
    assertEquals(List.of(), trained, "a rerun trains nothing");
  }
}
