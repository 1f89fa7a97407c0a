package org.winnow.train.curve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.IndexHash;
import org.winnow.datasets.OpenOptions;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingsHeader;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.datasets.synthetic.SyntheticBinaries;
import org.winnow.prune.KeepList;
import org.winnow.prune.SelectionMethods;
import org.winnow.prune.plot.CurvePoint;

/** The curve's bookkeeping with a fake trainer: subsets, seeds, tables, resume, refusals. */
class RedundancyCurveTest {

  @TempDir Path dir;
  private Path data;
  private Path embeddings;

  /** Trains nothing: accuracy is a known function of the training set's size and the seed. */
  static final class FakeTrainer implements CurveTrainer {
    final List<Request> calls = new ArrayList<>();
    final int failOnCall;
    final int epochs;

    FakeTrainer(int failOnCall, int epochs) {
      this.failOnCall = failOnCall;
      this.epochs = epochs;
    }

    static double accuracy(int n, long seed) {
      return n / 200.0 + seed / 100.0;
    }

    @Override
    public SortedMap<String, String> settings() {
      return new TreeMap<>(java.util.Map.of("epochs", Integer.toString(epochs)));
    }

    @Override
    public Outcome train(Request r, Progress progress) throws IOException {
      calls.add(r);
      Files.createDirectories(r.runDir());
      Files.writeString(r.runDir().resolve("metrics.csv"), "epoch\n");
      if (calls.size() == failOnCall) {
        throw new IllegalStateException("killed");
      }
      int n = r.keepList().map(k -> KeepList.read(k).size()).orElse(100);
      return new Outcome(accuracy(n, r.seed()), accuracy(n, r.seed()) + 0.01, 2.5, n);
    }
  }

  @BeforeEach
  void dataAndEmbeddings() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data);
    SyntheticBinaries.writeIdx(data, 100, 20, 4, 4, false, 1);
    embeddings = dir.resolve("emb.h5");
    writeEmbeddings(embeddings, IndexHash.of(Datasets.open(data)));
  }

  private static void writeEmbeddings(Path file, String index) throws IOException {
    EmbeddingSet s = SyntheticEmbeddings.gaussianClusters(10, 10, 8, 2, 0.5, 1);
    TreeMap<String, String> attributes = new TreeMap<>(s.attributes());
    attributes.put(EmbeddingsHeader.INDEX_SHA256, index);
    attributes.put("split", "train");
    Hdf5EmbeddingsWriter.write(
        file,
        new EmbeddingSet(s.source(), s.ids(), s.labels(), s.classNames(), s.vectors(), attributes));
  }

  private CurveOptions options(String methods, int trials, double... fractions) {
    return new CurveOptions(
        data,
        OpenOptions.defaults(),
        embeddings,
        java.util.Arrays.stream(fractions).boxed().toList(),
        List.of(methods.split(",")),
        trials,
        7,
        dir.resolve("curve"),
        "test");
  }

  private static RedundancyCurve.Result run(CurveOptions o, CurveTrainer t) throws IOException {
    return RedundancyCurve.run(o, t, Progress.NONE, line -> {});
  }

  @Test
  void trainsEachRunOnceAndSharesTheFullSet() throws IOException {
    FakeTrainer t = new FakeTrainer(0, 3);
    RedundancyCurve.Result r = run(options("semantic,random", 2, 1.0, 0.5), t);

    // Per trial: the shared full run, then semantic and random at 0.5.
    assertEquals(
        List.of(
            "full-1-t1",
            "semantic-0.5-t1",
            "random-0.5-t1",
            "full-1-t2",
            "semantic-0.5-t2",
            "random-0.5-t2"),
        t.calls.stream().map(c -> c.runDir().getFileName().toString()).toList());
    assertEquals(List.of(7L, 7L, 7L, 8L, 8L, 8L), t.calls.stream().map(c -> c.seed()).toList());
    assertTrue(t.calls.stream().allMatch(c -> c.selector().equals("standard")));
    assertEquals(Optional.empty(), t.calls.get(0).keepList());
    // One semantic subset serves every trial; random draws a new one per trial.
    assertEquals(t.calls.get(1).keepList(), t.calls.get(4).keepList());
    assertNotEquals(
        Files.readString(t.calls.get(2).keepList().orElseThrow()),
        Files.readString(t.calls.get(5).keepList().orElseThrow()));
    assertEquals(6, r.trained());

    List<String> runs = Files.readAllLines(r.out().resolve("runs.csv"));
    assertEquals(
        "method,fraction,trial,seed,n_train,test_accuracy,best_test_accuracy,wall_seconds,run_dir",
        runs.getFirst());
    assertEquals("semantic,0.5,1,7,50,0.320000,0.330000,2.500,runs/semantic-0.5-t1", runs.get(2));
    assertEquals(7, runs.size());

    // Accuracies: n/200 + seed/100, trials with seeds 7 and 8: mean +0.075, std 0.01/sqrt(2).
    assertEquals(
        List.of(
            "method,fraction,n_train,mean,std,n,mean_wall_seconds",
            "semantic,1,100,0.575000,0.007071,2,2.500",
            "semantic,0.5,50,0.325000,0.007071,2,2.500",
            "random,1,100,0.575000,0.007071,2,2.500",
            "random,0.5,50,0.325000,0.007071,2,2.500"),
        Files.readAllLines(r.curveCsv()));
    assertTrue(Files.readString(r.out().resolve("manifest.json")).contains("\"train.epochs\""));
    // The library draws the plot beside the table: one line per method in the SVG.
    String svg = Files.readString(r.out().resolve("curve.svg"));
    assertTrue(svg.startsWith("<svg") || svg.startsWith("<?xml"), svg.substring(0, 40));
    assertTrue(svg.contains("semantic") && svg.contains("random"));
    assertTrue(Files.size(r.out().resolve("curve.png")) > 1000);
  }

  @Test
  void resumesAfterAKillSkippingFinishedRunsAndRedoingTheOneInFlight() throws IOException {
    CurveOptions o = options("semantic,random", 1, 1.0, 0.8, 0.5);
    FakeTrainer killed = new FakeTrainer(3, 3);
    assertThrows(IllegalStateException.class, () -> run(o, killed));
    Path inFlight = o.out().resolve("runs/random-0.8-t1");
    assertTrue(Files.exists(inFlight.resolve("metrics.csv")));
    assertFalse(Files.exists(inFlight.resolve(RedundancyCurve.RUN_RECORD)));
    assertEquals(3, Files.readAllLines(o.out().resolve("runs.csv")).size());

    FakeTrainer again = new FakeTrainer(0, 3);
    RedundancyCurve.Result r = run(o, again);
    assertEquals(
        List.of("random-0.8-t1", "semantic-0.5-t1", "random-0.5-t1"),
        again.calls.stream().map(c -> c.runDir().getFileName().toString()).toList());
    assertEquals(5, r.runs().size());
    assertEquals(3, r.trained());

    FakeTrainer done = new FakeTrainer(0, 3);
    assertEquals(0, run(o, done).trained());
    assertEquals(0, done.calls.size());

    Path record = o.out().resolve("runs/full-1-t1/" + RedundancyCurve.RUN_RECORD);
    Files.writeString(record, String.join(",", RunRow.COLUMNS) + "\nfull,1,1,x,1,1,1,1,r\n");
    DatasetException corrupt = assertThrows(DatasetException.class, () -> run(o, done));
    assertEquals(record + ": line 2: seed 'x' is not a whole number", corrupt.getMessage());
  }

  @Test
  void trainingSelectorsRunAtTheFullSizeOnly() throws IOException {
    FakeTrainer t = new FakeTrainer(0, 3);
    RedundancyCurve.Result r = run(options("standard,saln,random-batch", 1, 1.0, 0.5), t);
    assertEquals(
        List.of("standard", "saln", "random-batch"),
        t.calls.stream().map(CurveTrainer.Request::selector).toList());
    assertEquals(
        List.of("standard", "saln", "random-batch"),
        r.points().stream().map(CurvePoint::method).toList());
  }

  @Test
  void refusesOtherOptionsForAnExistingFolderAndOtherDatasetsEmbeddings() throws IOException {
    run(options("random", 1, 0.5), new FakeTrainer(0, 3));
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(options("random", 2, 0.5), new FakeTrainer(0, 3)));
    assertTrue(
        other.getMessage().contains("made with other options or inputs (differing: trials)"));
    IllegalArgumentException epochs =
        assertThrows(
            IllegalArgumentException.class,
            () -> run(options("random", 1, 0.5), new FakeTrainer(0, 5)));
    assertTrue(epochs.getMessage().contains("(differing: train.epochs)"), epochs.getMessage());

    writeEmbeddings(embeddings, "0".repeat(64));
    DatasetException foreign =
        assertThrows(
            DatasetException.class, () -> run(options("random", 1, 0.5), new FakeTrainer(0, 3)));
    assertTrue(
        foreign.getMessage().contains("embeddings of another dataset"), foreign.getMessage());
  }

  @Test
  void subsetMethodsAreTheRegisteredOfflineMethodsAndPerBatchNamesWin() throws IOException {
    List<String> perBatch = CurveMethods.perBatch();
    List<String> subsets =
        SelectionMethods.spellings().stream().filter(m -> !perBatch.contains(m)).toList();
    List<String> all = new ArrayList<>(subsets);
    all.addAll(perBatch);
    assertEquals(all, CurveMethods.names());
    assertTrue(subsets.containsAll(List.of("semantic", "random")), subsets.toString());
    subsets.forEach(m -> assertTrue(CurveMethods.isSubset(m), m));
    perBatch.forEach(m -> assertFalse(CurveMethods.isSubset(m), m));
    // saln is registered offline too, but in a curve it is the per-batch selector.
    assertTrue(SelectionMethods.find("saln").isPresent() && perBatch.contains("saln"));
    assertEquals("random", CurveMethods.canonical(" Random "));
    assertEquals(CurveMethods.STANDARD, perBatch.getFirst());

    // A seeded method draws a subset per trial, one that draws nothing serves every trial.
    RedundancyCurve.Result r = run(options("Semantic,random", 2, 0.5), new FakeTrainer(0, 3));
    try (var folders = Files.list(r.out().resolve("subsets"))) {
      assertEquals(
          List.of("random-t1", "random-t2", "semantic"),
          folders.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertTrue(
        Files.readString(r.out().resolve("manifest.json"))
            .contains("\"methods\": \"semantic,random\""));
  }

  @Test
  void semdedupRunsInACurveWithTheEpsilonItFoundPerFraction() throws IOException {
    RedundancyCurve.Result r = run(options("semdedup", 1, 1.0, 0.8), new FakeTrainer(0, 3));
    List<Path> summaries;
    try (var files = Files.walk(r.out().resolve("subsets"))) {
      summaries = files.filter(f -> f.getFileName().toString().equals("summary.json")).toList();
    }
    assertTrue(!summaries.isEmpty(), "semdedup wrote its subsets");
    for (Path summary : summaries) {
      String json = Files.readString(summary);
      assertTrue(json.contains("\"method\": \"semdedup\""), json);
      assertTrue(json.contains("\"epsilon_table\""), json);
    }
  }

  @Test
  void optionsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> options("random", 1, 1.5));
    assertThrows(IllegalArgumentException.class, () -> options("random", 0, 0.5));
    assertThrows(IllegalArgumentException.class, () -> options("random,random", 1, 0.5));
    IllegalArgumentException m =
        assertThrows(IllegalArgumentException.class, () -> CurveMethods.canonical("kmeans"));
    assertEquals(
        "unknown curve method 'kmeans' (known: semantic, random, prototype, prototype-global,"
            + " prototype-easy, prototype-hard, semdedup, semdedup-easy, semdedup-hard,"
            + " semdedup-random, standard, saln, random-batch, jest)",
        m.getMessage());
    // prototype refuses --prefer random, so there is no such variant.
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> CurveMethods.canonical("prototype-random"))
            .getMessage()
            .startsWith("unknown curve method 'prototype-random' (known: semantic,"));
    assertThrows(IllegalArgumentException.class, () -> CurveMethods.canonical("prototype-"));
    assertThrows(IllegalArgumentException.class, () -> CurveMethods.canonical("semantic-easy"));
  }

  @Test
  void variantsAreSubsetMethodsOfTheirOwnUnderTheirSpelling() throws IOException {
    FakeTrainer t = new FakeTrainer(0, 3);
    RedundancyCurve.Result r = run(options("Prototype-Easy,prototype-hard", 1, 0.3), t);

    // Easy keeps the samples nearest the class centroid, hard the farthest: disjoint at 0.3.
    Path easy = t.calls.get(0).keepList().orElseThrow();
    Path hard = t.calls.get(1).keepList().orElseThrow();
    assertEquals(r.out().resolve("subsets/prototype-easy/keep.csv"), easy);
    assertEquals(r.out().resolve("subsets/prototype-hard/keep.csv"), hard);
    java.util.Set<KeepList.Entry> kept = new java.util.HashSet<>(KeepList.read(easy));
    assertEquals(30, kept.size());
    assertTrue(KeepList.read(hard).stream().noneMatch(kept::contains));
    assertTrue(
        Files.readString(easy.resolveSibling("summary.json"))
            .contains("\"method\": \"prototype-easy\""));
    List<String> runs = Files.readAllLines(r.out().resolve("runs.csv"));
    assertTrue(runs.get(1).startsWith("prototype-easy,0.3,1,7,30,"), runs.get(1));
    assertTrue(runs.get(2).startsWith("prototype-hard,0.3,1,7,30,"), runs.get(2));
    assertTrue(
        Files.readString(r.out().resolve("manifest.json"))
            .contains("\"methods\": \"prototype-easy,prototype-hard\""));
  }
}
