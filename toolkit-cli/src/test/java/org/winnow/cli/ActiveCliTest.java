package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Progress;
import org.winnow.datasets.Sample;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.embed.DeviceChoice;
import org.winnow.embed.Inference;
import org.winnow.prune.active.Scores;
import org.winnow.report.ReportFixture;

/** {@code winnow active next} and {@code winnow active simulate}, run in-process. */
class ActiveCliTest {

  @TempDir Path dir;

  private final EmbeddingSet data = SyntheticEmbeddings.gaussianClusters(4, 100, 12, 3, 0.7, 5);

  private Path embeddings() throws IOException {
    Path file = dir.resolve("pool.h5");
    Hdf5EmbeddingsWriter.write(file, data);
    return file;
  }

  /** A labelled.csv of the given rows with their true labels, plus extra raw lines. */
  private Path labelled(String name, int[] rows, String... extra) throws IOException {
    List<String> lines = new ArrayList<>(List.of("id,label"));
    for (int r : rows) {
      lines.add(data.ids().get(r) + "," + data.labels()[r]);
    }
    lines.addAll(List.of(extra));
    Path file = dir.resolve(name);
    Files.write(file, lines);
    return file;
  }

  private static Result next(Path emb, Path labelled, String budget, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "active",
                "next",
                "--embeddings",
                emb.toString(),
                "--labelled",
                labelled.toString(),
                "--budget",
                budget,
                "--out",
                out.toString()));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  @Test
  void nextWritesTheBudgetBestFirstWithAManifest() throws IOException {
    Path emb = embeddings();
    Path lab = labelled("labelled.csv", new int[] {0, 1, 2, 3, 10, 11, 12, 13});
    for (String strategy : List.of("maxent", "id", "margin", "random")) {
      for (String pool : List.of("all", "seals", "seals-lsh")) {
        Path out = dir.resolve(strategy + "-" + pool);
        Result r =
            next(
                emb,
                lab,
                "25",
                out,
                "--strategy",
                strategy,
                "--pool",
                pool.split("-")[0],
                "--seals-k",
                "10",
                "--seals-index",
                pool.endsWith("lsh") ? "lsh" : "exact");
        assertEquals(0, r.code(), r.err());
        assertEquals(
            "25 samples to label -> " + out.toAbsolutePath().resolve("to-label.csv") + "\n",
            r.out());
        List<String> lines = Files.readAllLines(out.resolve("to-label.csv"));
        assertEquals("id,score,rank", lines.getFirst());
        assertEquals(26, lines.size());
        Set<String> ids = new HashSet<>();
        double last = Double.POSITIVE_INFINITY;
        for (int i = 1; i < lines.size(); i++) {
          String[] cells = lines.get(i).split(",");
          assertTrue(ids.add(cells[0]), "unique ids");
          assertFalse(
              Set.of("train/0", "train/1", "train/2", "train/3").contains(cells[0]),
              "labelled samples are not chosen again");
          double score = Double.parseDouble(cells[1]);
          assertTrue(score <= last, "best first: " + lines);
          last = score;
          assertEquals(i, Integer.parseInt(cells[2]));
        }
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"tool\": \"winnow active next\""), manifest);
        assertTrue(manifest.contains("\"strategy\": \"" + strategy + "\""), manifest);
        assertTrue(manifest.contains("\"role\": \"labelled\""), manifest);
        if (pool.startsWith("seals")) {
          assertTrue(r.err().matches("(?s)scored \\d+ of 392 unlabelled.*"), r.err());
          assertFalse(r.err().startsWith("scored 392 "), r.err());
        } else {
          assertTrue(r.err().startsWith("scored 392 of 392 unlabelled"), r.err());
        }
      }
    }
    // the uncertainty strategies agree on a clear case less than they differ from random
    assertNotEquals(
        Files.readString(dir.resolve("maxent-all/to-label.csv")),
        Files.readString(dir.resolve("random-all/to-label.csv")));
  }

  @Test
  void nextRefusesBadInputWithOneLineAndWritesNothing() throws IOException {
    Path emb = embeddings();
    Path good = labelled("good.csv", new int[] {0, 1, 2, 3});
    record Case(Path labelled, String budget, List<String> extra, int code, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                labelled("unknown.csv", new int[] {0, 1}, "train/9999,2"),
                "5",
                List.of(),
                1,
                "unknown.csv: line 4: id 'train/9999' is not in the pool"),
            new Case(
                labelled("twice.csv", new int[] {0, 1}, "train/0,0"),
                "5",
                List.of(),
                1,
                "twice.csv: line 4: ids are not unique: 'train/0' is listed again (first on line"
                    + " 2)"),
            new Case(
                labelled("badlabel.csv", new int[] {0}, "train/7,dog"),
                "5",
                List.of(),
                1,
                "badlabel.csv: line 3: label 'dog' is neither a class number 0 to 3 nor a class"
                    + " name"),
            new Case(good, "397", List.of(), 2, "--budget 397 is larger than the 396 unlabelled"),
            new Case(good, "0", List.of(), 2, "--budget must be at least 1, not 0"),
            new Case(
                good,
                "5",
                List.of("--strategy", "entropy"),
                2,
                "unknown strategy 'entropy' (choose maxent, id, margin, random)"),
            new Case(good, "5", List.of("--pool", "near"), 2, "unknown pool 'near'"),
            new Case(good, "5", List.of("--beta", "-1"), 2, "--beta must be a finite number"));
    int i = 0;
    for (Case c : cases) {
      Path out = dir.resolve("bad-" + i++);
      Result r = next(emb, c.labelled(), c.budget(), out, c.extra().toArray(String[]::new));
      assertEquals(c.code(), r.code(), r.err());
      assertTrue(r.err().contains(c.message()), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
      assertEquals(
          1 + (c.code() == 2 ? 1 : 0),
          r.err().lines().count(),
          "one line (and a hint): " + r.err());
      assertFalse(Files.exists(out), "nothing written for " + c);
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".bad")), "no debris");
    }
  }

  @Test
  void simulateWritesTheTableThePlotsAndTheKeepListsFromTheCommandLine() throws IOException {
    Path emb = embeddings();
    Path out = dir.resolve("al");
    Result r =
        WinnowCliTest.run(
            "active",
            "simulate",
            "--embeddings",
            emb.toString(),
            "--initial",
            "8",
            "--budget",
            "10",
            "--rounds",
            "3",
            "--trials",
            "2",
            "--strategies",
            "maxent,margin",
            "--pool",
            "all,seals",
            "--seals-k",
            "12",
            "--seals-index",
            "lsh",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "32 rounds on a pool of 320 (80 held out for testing) -> "
            + out.toAbsolutePath().resolve("rounds.csv")
            + "\n",
        r.out());
    List<String> rounds = Files.readAllLines(out.resolve("rounds.csv"));
    assertEquals(
        "strategy,pool,trial,round,labelled,candidates_scored,test_acc,select_seconds,"
            + "train_seconds",
        rounds.getFirst());
    assertEquals(33, rounds.size());
    assertTrue(rounds.get(1).startsWith("maxent,all,0,0,8,0,"), rounds.get(1));
    for (String f : List.of("active.png", "active.svg", "manifest.json")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
    assertEquals(
        39, Files.readAllLines(out.resolve("labelled/margin-seals-trial1/round-03.csv")).size());

    // bad options: exit 2, one line and the hint, nothing written
    record Case(List<String> args, String message) {}
    for (Case c :
        List.of(
            new Case(List.of("--initial", "300", "--rounds", "5"), "labels, more than the 320"),
            new Case(List.of("--strategies", "maxent,maxent"), "distinct strategies"),
            new Case(List.of("--strategies", "uncertainty"), "unknown strategy 'uncertainty'"),
            new Case(List.of("--test-fraction", "1"), "--test-fraction must be in (0, 1)"),
            new Case(List.of("--initial-draw", "stratified"), "--initial-draw stratified"),
            new Case(List.of("--seals-index", "hnsw"), "unknown index 'hnsw'"))) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "active",
                  "simulate",
                  "--embeddings",
                  emb.toString(),
                  "--out",
                  dir.resolve("bad").toString()));
      args.addAll(c.args());
      Result bad = WinnowCliTest.run(args.toArray(String[]::new));
      assertEquals(2, bad.code(), bad.err());
      assertTrue(bad.err().contains(c.message()), bad.err());
      assertEquals(2, bad.err().lines().count(), bad.err());
      assertFalse(Files.exists(dir.resolve("bad")));
    }
    // an existing output is refused without --overwrite, kept with it
    Result again =
        WinnowCliTest.run(
            "active", "simulate", "--embeddings", emb.toString(), "--out", out.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("already exists (pass --overwrite"), again.err());
  }

  @Test
  void nextScoresANetworksProbabilitiesForTheCandidatesImages() throws IOException {
    // the bundled sample's test split, embedded by a seeded random resnet20 (no training needed:
    // any model spec winnow embed takes serves, a winnow train run folder included)
    Path pool = dir.resolve("sample.h5");
    Result e =
        WinnowCliTest.run(
            "embed",
            "--data",
            ReportFixture.SAMPLE.toString(),
            "--model",
            "resnet20",
            "--split",
            "test",
            "--device",
            "cpu",
            "--out",
            pool.toString());
    assertEquals(0, e.code(), e.err());
    EmbeddingSet set = EmbeddingSource.of(pool).read();
    List<String> lines = new ArrayList<>(List.of("id,label"));
    for (int r = 0; r < 20; r++) {
      lines.add(set.ids().get(r) + "," + set.classNames().get(set.labels()[r]));
    }
    Path lab = dir.resolve("sample-labelled.csv");
    Files.write(lab, lines);
    Path out = dir.resolve("net");
    Result r = next(pool, lab, "5", out, "--model", "resnet20", "--device", "cpu");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().startsWith("scored 480 of 480 unlabelled"), r.err());
    List<String> rows = Files.readAllLines(out.resolve("to-label.csv"));
    assertEquals(6, rows.size());
    assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"model\": \"resnet20\""));

    // the scores are the entropies of the network's own probabilities, best first
    ImageDataset dataset = Datasets.open(ReportFixture.SAMPLE);
    Map<String, Sample> byId = new HashMap<>();
    dataset.samples().forEach(s -> byId.put(s.id(), s));
    List<Sample> unlabelled = set.ids().subList(20, set.size()).stream().map(byId::get).toList();
    float[][] p =
        Inference.run(
                dataset,
                unlabelled,
                Inference.Options.defaults("resnet20").withDevice(DeviceChoice.CPU),
                Set.of(Inference.Output.PROBABILITIES),
                Progress.NONE)
            .get(Inference.Output.PROBABILITIES);
    double[] entropy = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      entropy[i] = Scores.maxEnt(toDouble(p[i]));
    }
    double best = Arrays.stream(entropy).max().orElseThrow();
    String[] first = rows.get(1).split(",");
    assertEquals(best, Double.parseDouble(first[1]), 1e-5);
    int at = set.ids().indexOf(first[0]) - 20;
    assertEquals(best, entropy[at], 1e-5);

    // a model that does not exist is refused before the pool is read
    Result missing =
        next(pool, lab, "5", dir.resolve("x"), "--model", dir.resolve("no-run").toString());
    assertEquals(1, missing.code(), missing.err());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }
}
