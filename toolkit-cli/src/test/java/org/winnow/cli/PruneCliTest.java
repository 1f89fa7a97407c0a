package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.cli.WinnowCliTest.Result;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.datasets.embeddings.EmbeddingSource;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.MethodOption;
import org.winnow.prune.Pruning;
import org.winnow.prune.SelectionMethod;
import org.winnow.prune.SelectionMethods;
import org.winnow.prune.SemanticSelector;

/** {@code winnow prune} and {@code winnow apply}, run in-process as the launcher does. */
class PruneCliTest {

  @TempDir Path dir;

  private Path embeddings() throws IOException {
    Path file = dir.resolve("emb.h5");
    Hdf5EmbeddingsWriter.write(file, SyntheticEmbeddings.gaussianClusters(3, 20, 8, 2, 0.5, 1));
    return file;
  }

  /** {@code winnow prune --embeddings emb --method method --keep keep --out out [extra...]}. */
  static Result prune(String emb, String method, String keep, String out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "prune", "--embeddings", emb, "--method", method, "--keep", keep, "--out", out));
    args.addAll(List.of(extra));
    return WinnowCliTest.run(args.toArray(String[]::new));
  }

  /**
   * The floor line printed under a fraction: its largest diameter is the largest {@code
   * group_diameter} of the fraction's groups.csv, and groups of 2+ exist at these fractions.
   */
  private static void assertFloor(String line, Path groupsCsv) throws IOException {
    double max =
        Files.readAllLines(groupsCsv).stream()
            .skip(1)
            .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(',') + 1)))
            .max()
            .orElseThrow();
    assertTrue(max > 0, groupsCsv.toString());
    assertTrue(
        line.startsWith(
            String.format(
                java.util.Locale.ROOT,
                "  every group's members are within 1 - cos %.6f of each other (group diameter:"
                    + " median ",
                max)),
        line);
  }

  @Test
  void prunesEveryMethodAtSeveralFractions() throws IOException {
    Path emb = embeddings();
    for (String method : List.of("semantic", "random", "saln")) {
      Path out = dir.resolve(method);
      Result r = prune(emb.toString(), method, "0.9,0.5", out.toString(), "--batch-size", "8");
      assertEquals(0, r.code(), r.err());
      List<String> lines = r.out().lines().toList();
      assertEquals(4, lines.size(), r.out());
      assertEquals(
          "keep 0.9: 54 of 60 samples in 3 classes -> "
              + out.toAbsolutePath().resolve("keep-0.9/keep.csv"),
          lines.get(0));
      assertFloor(lines.get(1), out.resolve("keep-0.9/groups.csv"));
      assertEquals(
          "keep 0.5: 30 of 60 samples in 3 classes -> "
              + out.toAbsolutePath().resolve("keep-0.5/keep.csv"),
          lines.get(2));
      assertFloor(lines.get(3), out.resolve("keep-0.5/groups.csv"));
      assertTrue(
          r.err()
              .lines()
              .anyMatch(
                  l ->
                      l.matches(
                          "took [0-9.]+ s: read [0-9.]+ s, "
                              + method
                              + " [0-9.]+ s, write [0-9.]+ s")),
          r.err());
      assertEquals(31, Files.readAllLines(out.resolve("keep-0.5/keep.csv")).size());
      assertTrue(
          Files.readString(out.resolve("keep-0.9/summary.json"))
              .contains("\"method\": \"" + method + "\""));
    }
  }

  @Test
  void semdedupPrintsTheEpsilonToKeptFractionTable() throws IOException {
    Path emb = embeddings();
    Path out = dir.resolve("dedup");
    Result r =
        WinnowCliTest.run(
            "prune",
            "--embeddings",
            emb.toString(),
            "--method",
            "semdedup",
            "--epsilon",
            "0.01,0.5",
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.out().lines().filter(l -> !l.startsWith("  every group")).toList();
    assertEquals(2, lines.size(), r.out());
    assertEquals(4, r.out().lines().count(), r.out());
    assertTrue(
        lines
            .get(0)
            .matches(
                "epsilon 0\\.01: kept 1\\.0000: 60 of 60 samples in 3 classes -> "
                    + java.util.regex.Pattern.quote(
                        out.toAbsolutePath().resolve("eps-0.01/keep.csv").toString())),
        r.out());
    assertTrue(lines.get(1).matches("epsilon 0\\.5: kept 0\\.[0-9]{4}: [0-9]+ of 60 .*"), r.out());
    String summary = Files.readString(out.resolve("eps-0.5/summary.json"));
    assertTrue(summary.contains("\"epsilon_table\": ["), summary);
    assertTrue(summary.contains("\"epsilon\": 0.01,\n"), summary);
    assertTrue(summary.contains("\"kept_fraction\": 1.0\n"), summary);

    Result keep = prune(emb.toString(), "semdedup", "0.8", dir.resolve("keep").toString());
    assertEquals(0, keep.code(), keep.err());
    assertTrue(
        keep.out()
            .matches(
                "epsilon 0\\.[0-9]+: keep 0\\.8: [0-9]+ of 60 samples .*\n"
                    + "  every group's members are within 1 - cos 0\\.[0-9]{6} of each other .*\n"),
        keep.out());
  }

  @Test
  void theSameCommandContinuesAStoppedRun() throws IOException {
    Path emb = embeddings();
    Path out = dir.resolve("out");
    Progress stopAfterOne =
        Progress.onAdvance(
            amount -> {
              throw new IllegalStateException("stopped");
            });
    // What a killed `winnow prune --method semantic --keep 0.9,0.5` leaves: classes in the work
    // folder, no output.
    assertThrows(
        IllegalStateException.class,
        () ->
            Pruning.run(
                new Pruning.Request(
                    emb,
                    new SemanticSelector(SemanticSelector.Options.defaults()),
                    List.of(0.9, 0.5),
                    out,
                    false,
                    Winnow.version()),
                stopAfterOne));
    assertTrue(Files.isDirectory(Pruning.workFolder(out)));
    assertFalse(Files.exists(out));

    Result r = prune(emb.toString(), "semantic", "0.9,0.5", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .matches(
                "(?s).*took .* \\(continued an interrupted run: [123] of 3 classes were done\\)\n"),
        r.err());
    assertEquals(31, Files.readAllLines(out.resolve("keep-0.5/keep.csv")).size());
    assertFalse(Files.exists(Pruning.workFolder(out)));
  }

  @Test
  void badInputIsOneLineWithANonZeroExit() throws IOException {
    Path emb = embeddings();
    Result range = prune(emb.toString(), "random", "1.5", dir.resolve("x").toString());
    assertEquals(2, range.code());
    assertTrue(range.err().startsWith("winnow: --keep must be in (0, 1], got 1.5\n"), range.err());

    for (String[] option :
        new String[][] {
          {"--batch-size", "1", "--batch-size must be at least 2, got 1"},
          {"--max-cluster-size", "1", "--max-cluster-size must be 0 (no limit) or in [2, 46340]"},
          {"--max-cluster-size", "-3", "--max-cluster-size must be 0 (no limit) or in [2, 46340]"}
        }) {
      Result r =
          prune(
              emb.toString(), "semantic", "0.5", dir.resolve("x").toString(), option[0], option[1]);
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("winnow: " + option[2]), r.err());
      assertFalse(Files.exists(dir.resolve("x")));
    }

    Path out = Files.createDirectories(dir.resolve("exists"));
    Result exists = prune(emb.toString(), "random", "0.5", out.toString());
    assertEquals(1, exists.code());
    assertEquals(
        "winnow: error: " + out + ": already exists (pass --overwrite to replace it)\n",
        exists.err());

    Path nan = dir.resolve("nan.h5");
    try (WritableHdfFile h5 = HdfFile.write(nan)) {
      h5.putDataset("embeddings", new float[][] {{1, 0}, {Float.NaN, 1}, {0, 0}});
      h5.putDataset("labels", new int[] {0, 0, 1});
      h5.putDataset("ids", new String[] {"a", "b", "c"});
      h5.putDataset("class_names", new String[] {"x", "y"});
    }
    Result bad = prune(nan.toString(), "semantic", "0.5", dir.resolve("y").toString());
    assertEquals(1, bad.code());
    assertEquals(
        "winnow: error: "
            + nan
            + ": 2 embeddings cannot be compared by cosine: b (NaN), c (zero"
            + " norm)\n",
        bad.err());
    assertTrue(Files.notExists(dir.resolve("y")));

    Result method = prune(emb.toString(), "kmeans", "0.5", dir.resolve("z").toString());
    assertEquals(2, method.code());
  }

  /**
   * {@code --against}: new samples (here the earlier set's class 0 under new ids, so every one is
   * an exact copy of a sample the earlier run saw) against an earlier run; its options' misuse is a
   * usage error, bad input one line with exit 1.
   */
  @Test
  void againstAddsTheNewKeptSamplesToTheEarlierKeepList() throws IOException {
    Path emb = embeddings();
    Path pruned = dir.resolve("pruned");
    assertEquals(0, prune(emb.toString(), "semantic", "0.5", pruned.toString()).code());
    EmbeddingSet old = EmbeddingSource.of(emb).read();
    int[] rows = old.members()[0];
    List<String> ids = new ArrayList<>();
    float[][] v = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      ids.add("new/" + old.ids().get(rows[i]));
      v[i] = old.vectors()[rows[i]];
    }
    Path fresh = dir.resolve("new.h5");
    Hdf5EmbeddingsWriter.write(
        fresh,
        new EmbeddingSet(
            "new.h5", ids, new int[rows.length], old.classNames(), v, new java.util.TreeMap<>()));
    Path out = dir.resolve("out");
    Result r =
        WinnowCliTest.run(
            "prune",
            "--against",
            pruned.toString(),
            "--embeddings",
            fresh.toString(),
            "--out",
            out.toString());
    assertEquals(0, r.code(), r.err());
    // kept samples are dropped for themselves; removed ones for their kept twin within the cut,
    // or for an earlier new one; class 0 keeps 10 of 20 at 0.5
    assertEquals(
        "against semantic: kept 0 of 20 new samples (20 redundant with its kept, 0 among"
            + " themselves); 30 kept in all -> "
            + out.toAbsolutePath().resolve("keep.csv")
            + "\n",
        r.out());
    assertTrue(
        r.err().lines().anyMatch(l -> l.matches("took [0-9.]+ s: read .* dedup .*")), r.err());
    assertEquals(
        Files.readString(pruned.resolve("keep.csv")), Files.readString(out.resolve("keep.csv")));

    String[][] usage = {
      {"--method", "semantic", "--against keeps the earlier run's method and cut"},
      {"--keep", "0.5", "--against keeps the earlier run's method and cut"},
      {"--epsilon", "0.1", "--epsilon is a method's option"},
      {"--threshold", "3", "--threshold must be a 1 - cos in [0, 2], not 3.0"}
    };
    for (String[] u : usage) {
      Result bad =
          WinnowCliTest.run(
              "prune",
              "--against",
              pruned.toString(),
              "--embeddings",
              fresh.toString(),
              "--out",
              dir.resolve("x").toString(),
              u[0],
              u[1]);
      assertEquals(2, bad.code(), bad.err());
      assertTrue(bad.err().startsWith("winnow: " + u[2]), bad.err());
    }
    Result noAgainst =
        WinnowCliTest.run(
            "prune",
            "--embeddings",
            fresh.toString(),
            "--out",
            dir.resolve("x").toString(),
            "--threshold",
            "0.1");
    assertEquals(2, noAgainst.code());
    assertTrue(noAgainst.err().startsWith("winnow: --threshold applies to --against only"));
    Result noMethod =
        WinnowCliTest.run(
            "prune",
            "--embeddings",
            fresh.toString(),
            "--keep",
            "0.5",
            "--out",
            dir.resolve("x").toString());
    assertEquals(2, noMethod.code());
    assertTrue(noMethod.err().startsWith("winnow: Missing required option: '--method=METHOD'"));

    Result clash =
        WinnowCliTest.run(
            "prune",
            "--against",
            pruned.toString(),
            "--embeddings",
            emb.toString(),
            "--out",
            dir.resolve("x").toString());
    assertEquals(1, clash.code());
    assertEquals(1, clash.err().lines().count(), clash.err());
    assertTrue(clash.err().contains("60 ids are already in the earlier run"), clash.err());
    assertFalse(Files.exists(dir.resolve("x")));
  }

  @Test
  void applyBuildsAPrunedFolderAndNamesMissingIds() throws IOException {
    Path src = dir.resolve("pets");
    for (String f : List.of("cat/1.png", "cat/2.png", "dog/3.png")) {
      Files.createDirectories(src.resolve(f).getParent());
      Files.writeString(src.resolve(f), f);
    }
    Path keep =
        Files.writeString(
            dir.resolve("keep.csv"), "id,label,class_name\ncat/2.png,0,cat\ndog/3.png,1,dog\n");
    Path out = dir.resolve("pets-small");
    Result ok =
        WinnowCliTest.run(
            "apply",
            "--keep",
            keep.toString(),
            "--data",
            src.toString(),
            "--out",
            out.toString(),
            "--link",
            "hard");
    assertEquals(0, ok.code(), ok.err());
    assertEquals("Wrote 2 files (hard) to " + out.toAbsolutePath() + "\n", ok.out());
    assertTrue(Files.isRegularFile(out.resolve("dog/3.png")));
    assertTrue(Files.notExists(out.resolve("cat/1.png")));

    Path missing =
        Files.writeString(dir.resolve("missing.csv"), "id,label,class_name\ncat/9.png,0,cat\n");
    Result bad =
        WinnowCliTest.run(
            "apply",
            "--keep",
            missing.toString(),
            "--data",
            src.toString(),
            "--out",
            dir.resolve("other").toString());
    assertEquals(1, bad.code());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertTrue(bad.err().contains("1 id is not in "), bad.err());

    Result link =
        WinnowCliTest.run(
            "apply",
            "--keep",
            keep.toString(),
            "--data",
            src.toString(),
            "--out",
            dir.resolve("o").toString(),
            "--link",
            "soft");
    assertEquals(2, link.code());
    assertTrue(link.err().contains("unknown link mode 'soft'"), link.err());
  }

  @Test
  void helpListsEveryRegisteredMethodOneLineEachAndTheirOptions() {
    for (String cmd : List.of("prune", "run")) {
      String help = WinnowCliTest.run(cmd, "--help").out();
      for (SelectionMethod m : SelectionMethods.all()) {
        String start = m.description().substring(0, Math.min(20, m.description().length()));
        assertTrue(
            help.lines().anyMatch(l -> l.matches("  " + m.name() + " +\\Q" + start + "\\E.*")),
            help);
        for (MethodOption o : m.options()) {
          // an option several methods read names them all: "prototype, semdedup: ..."
          String readers = String.join(", ", SelectionMethods.readers(o));
          assertTrue(help.contains(readers + ": " + o.description().substring(0, 10)), help);
        }
      }
      assertTrue(help.lines().anyMatch(l -> l.matches("  random +.*\\(seeded\\)")), help);
      assertTrue(help.lines().anyMatch(l -> l.matches("  semantic +[^(]*")), help);
      // The variants, grouped by the option they set.
      assertTrue(help.contains("\n  prototype --prefer:  prototype-easy, prototype-hard\n"), help);
      assertTrue(help.contains("\n  prototype --scope:   prototype-global\n"), help);
      assertTrue(
          help.contains("\n  semdedup --prefer:   semdedup-easy, semdedup-hard, semdedup-random\n"),
          help);
    }
    assertTrue(
        WinnowCliTest.run("curve", "--help").out().contains("prototype-easy"),
        "curve --methods lists the variants");
  }

  @Test
  void helpHasExamples() {
    for (String cmd : List.of("prune", "apply")) {
      Result h = WinnowCliTest.run(cmd, "--help");
      assertEquals(0, h.code());
      assertTrue(h.out().contains("Examples:"), h.out());
    }
    assertTrue(WinnowCliTest.run("--help").out().contains("winnow prune --embeddings"));
  }
}
