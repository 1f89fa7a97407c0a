package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * Every command checks every option value before it does any work: a bad value is a usage error
 * (exit 2, the problem on one line and a pointer to {@code --help}) and nothing is written. The
 * input files named here do not exist, so a command that read its inputs before checking its
 * options would fail with exit 1 instead.
 */
class OptionChecksCliTest {

  @TempDir static Path dir;

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  static Stream<Arguments> badValues() {
    String data = Winnow.bundledSample().toString();
    String missingEmb = dir.resolve("missing.h5").toString();
    String missingKeep = dir.resolve("missing.csv").toString();
    String out = dir.resolve("out").toString();
    BiFunction<String, String, List<String>> prototype =
        (option, value) ->
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "prototype",
                option,
                value,
                "--keep",
                "0.9",
                "--out",
                out);
    BiFunction<String, String, List<String>> semdedup =
        (option, value) ->
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "semdedup",
                option,
                value,
                "--out",
                out);
    return Stream.of(
        Arguments.of(semdedup.apply("--epsilon", "0"), "--epsilon must be in (0, 2), got 0"),
        Arguments.of(semdedup.apply("--epsilon", "2"), "--epsilon must be in (0, 2), got 2"),
        Arguments.of(
            semdedup.apply("--epsilon", "0.1,x"),
            "--epsilon must be numbers in (0, 2), comma-separated, got '0.1,x'"),
        Arguments.of(
            semdedup.apply("--prefer", "medium"),
            "--prefer must be one of hard|easy|random|auto, got 'medium'"),
        Arguments.of(
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "semdedup",
                "--epsilon",
                "0.1",
                "--keep",
                "0.5",
                "--out",
                out),
            "--keep and --epsilon: give one (semdedup keeps what --epsilon leaves"),
        Arguments.of(
            List.of("prune", "--embeddings", missingEmb, "--method", "semdedup", "--out", out),
            "Missing required option: '--keep=F'"),
        Arguments.of(
            List.of(
                "run",
                "--data",
                data,
                "--method",
                "semdedup",
                "--epsilon",
                "0.1",
                "--keep",
                "0.9",
                "--out",
                out),
            "--epsilon: winnow run keeps --keep; semdedup searches for the epsilon"),
        Arguments.of(List.of("demo", "--fractions", "2", "--out", out), "--fractions"),
        Arguments.of(List.of("demo", "--trials", "0", "--out", out), "--trials"),
        Arguments.of(
            List.of("run", "--data", data, "--keep", "0.9", "--epochs", "0", "--out", out),
            "--epochs must be at least 1"),
        Arguments.of(
            List.of(
                "run", "--data", data, "--keep", "0.9", "--embed-batch-size", "0", "--out", out),
            "--embed-batch-size"),
        Arguments.of(List.of("run", "--data", data, "--keep", "1.5", "--out", out), "--keep"),
        Arguments.of(
            List.of(
                "curve",
                "--embeddings",
                missingEmb,
                "--methods",
                "semantic,random",
                "--fractions",
                "1.0,2",
                "--out",
                out),
            "--fractions"),
        Arguments.of(
            List.of(
                "curve",
                "--embeddings",
                missingEmb,
                "--methods",
                "semantic",
                "--fractions",
                "0.5",
                "--trials",
                "0",
                "--out",
                out),
            "--trials"),
        Arguments.of(
            List.of("train", "--data", data, "--batch-size", "0", "--out", out), "--batch-size"),
        Arguments.of(
            List.of("train", "--data", data, "--keep", missingKeep, "--lr", "-1", "--out", out),
            "--lr"),
        Arguments.of(
            List.of(
                "embed", "--data", data, "--model", "resnet20", "--batch-size", "0", "--out", out),
            "batch size must be at least 1, not 0"),
        Arguments.of(
            List.of(
                "embed", "--data", data, "--model", "resnet20", "--shard-size", "0", "--out", out),
            "shard size must be at least 1, not 0"),
        Arguments.of(
            List.of("embed", "--data", data, "--model", "resnet20", "--workers", "0", "--out", out),
            "workers must be at least 1, not 0"),
        Arguments.of(
            List.of(
                "embed", "--data", data, "--model", "resnet20", "--image-size", "1", "--out", out),
            "image size must be at least 8 px, not 1"),
        Arguments.of(
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "semantic",
                "--keep",
                "0.9,0.9",
                "--out",
                out),
            "--keep: repeated values"),
        Arguments.of(
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "saln",
                "--batch-size",
                "1",
                "--keep",
                "0.9",
                "--out",
                out),
            "--batch-size must be at least 2"),
        Arguments.of(prototype.apply("--clusters", "0"), "--clusters must be at least 1, got 0"),
        Arguments.of(
            prototype.apply("--prefer", "x"), "--prefer must be one of easy|hard|auto, got 'x'"),
        Arguments.of(
            prototype.apply("--scope", "x"), "--scope must be one of class|global, got 'x'"),
        // A variant is the method with one option set: a value it refuses is no variant, and the
        // option given otherwise contradicts it.
        Arguments.of(
            List.of(
                "prune",
                "--embeddings",
                missingEmb,
                "--method",
                "prototype-random",
                "--keep",
                "0.9",
                "--out",
                out),
            "unknown method 'prototype-random' (known: semantic, random, saln, prototype,"
                + " prototype-global,"),
        Arguments.of(
            List.of(
                "run",
                "--data",
                data,
                "--keep",
                "0.9",
                "--method",
                "prototype-easy",
                "--prefer",
                "hard",
                "--out",
                out),
            "--prefer is easy in --method prototype-easy, got 'hard'"),
        Arguments.of(
            List.of(
                "report",
                "--prune",
                dir.resolve("missing").toString(),
                "--max-members",
                "0",
                "--out",
                dir.resolve("r.html").toString()),
            "--max-members"),
        Arguments.of(
            List.of(
                "apply", "--keep", missingKeep, "--data", data, "--link", "bogus", "--out", out),
            "--link"),
        Arguments.of(
            List.of(
                "datasets",
                "subsample",
                "--data",
                data,
                "--train-per-class",
                "0",
                "--test-per-class",
                "1",
                "--out",
                out),
            "--train-per-class must be >= 1"));
  }

  @ParameterizedTest
  @MethodSource("badValues")
  void aBadValueIsAUsageErrorBeforeAnyWork(List<String> args, String problem) throws IOException {
    Result r = WinnowCliTest.run(args.toArray(String[]::new));
    assertEquals(2, r.code(), r.err());
    List<String> lines = r.err().lines().toList();
    assertEquals(2, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("winnow: ") && lines.get(0).contains(problem), r.err());
    String command = args.getFirst().equals("datasets") ? "datasets subsample" : args.getFirst();
    assertEquals("Try 'winnow " + command + " --help'.", lines.get(1));
    assertEquals("", r.out());
    try (Stream<Path> written = Files.list(dir)) {
      assertEquals(List.of(), written.toList(), "written by " + args);
    }
  }

  /** embed checks its model before it reads the dataset (here missing too), which may be slow. */
  @Test
  void embedRefusesAMissingModelBeforeReadingTheDataset(@TempDir Path work) throws IOException {
    String model = work.resolve("missing.pt").toString();
    Result r =
        WinnowCliTest.run(
            "embed",
            "--data",
            work.resolve("no-data").toString(),
            "--model",
            model,
            "--out",
            work.resolve("e.h5").toString());
    assertEquals(1, r.code(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("winnow: error: " + model + ": no such model file"), r.err());
    try (Stream<Path> written = Files.list(work)) {
      assertEquals(List.of(), written.toList());
    }
  }

  /** A negative seed is allowed (README, Datasets): it seeds as reproducibly as a positive one. */
  @Test
  void aNegativeSeedIsAnOrdinarySeed(@TempDir Path work) throws IOException {
    Path emb = work.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(emb, SyntheticEmbeddings.gaussianClusters(3, 20, 8, 2, 0.5, 1));
    String[] seeds = {"-1", "-1", "1"};
    String[] keeps = new String[seeds.length];
    for (int i = 0; i < seeds.length; i++) {
      Path out = work.resolve("random-" + i);
      Result r =
          PruneCliTest.prune(emb.toString(), "random", "0.5", out.toString(), "--seed", seeds[i]);
      assertEquals(0, r.code(), r.err());
      keeps[i] = Files.readString(out.resolve("keep.csv"));
    }
    assertEquals(keeps[0], keeps[1]);
    assertNotEquals(keeps[0], keeps[2]);
  }
}
