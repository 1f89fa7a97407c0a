package org.winnow.prune.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;
import org.winnow.prune.KeepList;

class SimulationTest {

  @TempDir Path dir;

  private Path embeddings() throws IOException {
    Path file = dir.resolve("emb.h5");
    if (!Files.exists(file)) {
      Hdf5EmbeddingsWriter.write(
          file, SyntheticEmbeddings.gaussianClusters(4, 150, 16, 2, 0.6, 21));
    }
    return file;
  }

  private Simulation.Request request(Path out, long seed) throws IOException {
    return new Simulation.Request(
        embeddings(),
        8,
        true,
        10,
        4,
        List.of(Strategy.MAXENT, Strategy.ID, Strategy.RANDOM),
        List.of(PoolMode.ALL, PoolMode.SEALS),
        2,
        1,
        15,
        IndexKind.EXACT,
        0.25,
        seed,
        out,
        false,
        "test");
  }

  @Test
  void writesEveryRoundOfEveryLearner() throws IOException {
    Path out = dir.resolve("al");
    Simulation.Report report = Simulation.run(request(out, 7), Progress.NONE);
    assertEquals(448, report.poolSize());
    assertEquals(152, report.testSize());
    List<RoundRow> rows = RoundRow.read(out.resolve("rounds.csv"));
    assertEquals(report.rows().size(), rows.size());
    assertEquals(2 * 3 * 2 * 5, rows.size());
    assertEquals(
        String.join(",", RoundRow.COLUMNS),
        Files.readAllLines(out.resolve("rounds.csv")).getFirst());
    for (RoundRow r : rows) {
      assertEquals(8 + 10 * r.round(), r.labelled(), r.toString());
      if (r.round() == 0) {
        assertEquals(0, r.candidatesScored());
      } else if (r.pool().equals("all")) {
        assertEquals(448 - r.labelled() + 10, r.candidatesScored(), r.toString());
      } else {
        assertTrue(r.candidatesScored() < 448 - r.labelled() + 10, r.toString());
      }
      List<KeepList.Entry> kept =
          KeepList.read(
              out.resolve("labelled")
                  .resolve(r.strategy() + "-" + r.pool() + "-trial" + r.trial())
                  .resolve(Learners.roundFile(r.round())));
      assertEquals(r.labelled(), kept.size());
    }
    // every learner of a trial starts from the same labels, and trials from different ones
    Path labelled = out.resolve("labelled");
    assertEquals(
        Files.readString(labelled.resolve("maxent-all-trial0/round-00.csv")),
        Files.readString(labelled.resolve("random-seals-trial0/round-00.csv")));
    assertFalse(
        Files.readString(labelled.resolve("maxent-all-trial0/round-00.csv"))
            .equals(Files.readString(labelled.resolve("maxent-all-trial1/round-00.csv"))));
    // the balanced initial set has two samples of each class
    Map<Integer, Long> perClass =
        KeepList.read(labelled.resolve("id-all-trial1/round-00.csv")).stream()
            .collect(Collectors.groupingBy(KeepList.Entry::label, Collectors.counting()));
    assertEquals(Map.of(0, 2L, 1, 2L, 2, 2L, 3, 2L), perClass);
    assertTrue(Files.size(out.resolve("active.png")) > 1000);
    assertTrue(Files.readString(out.resolve("active.svg")).contains("maxent/seals"));
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertTrue(manifest.contains("\"tool\": \"winnow active simulate\""), manifest);
    assertFalse(Files.exists(Simulation.workFolder(out)), "the work folder is gone");
    // labels help: on average over learners and trials, the last round beats the first
    double first =
        rows.stream()
            .filter(r -> r.round() == 0)
            .mapToDouble(RoundRow::testAcc)
            .average()
            .orElseThrow();
    double last =
        rows.stream()
            .filter(r -> r.round() == 4)
            .mapToDouble(RoundRow::testAcc)
            .average()
            .orElseThrow();
    assertTrue(last > first + 0.02, first + " -> " + last);
  }

  @Test
  void isByteIdenticalForASeedAndContinuesAfterAKill() throws IOException {
    Path whole = dir.resolve("whole");
    Simulation.run(request(whole, 7), Progress.NONE);
    Path again = dir.resolve("again");
    Simulation.run(request(again, 7), Progress.NONE);
    assertSame(files(whole), files(again));

    // killed after 23 of 60 rounds: the rerun restores them and ends with the same bytes
    Path killed = dir.resolve("killed");
    assertThrows(Killed.class, () -> Simulation.run(request(killed, 7), new KillAfter(23)));
    assertFalse(Files.exists(killed));
    assertTrue(Files.isDirectory(Simulation.workFolder(killed)));
    Simulation.Report resumed = Simulation.run(request(killed, 7), Progress.NONE);
    assertEquals(23, resumed.resumedRounds());
    assertSame(files(whole), files(killed));

    // another seed is another run, and a work folder of another request is not reused
    Path other = dir.resolve("other");
    assertThrows(Killed.class, () -> Simulation.run(request(other, 7), new KillAfter(5)));
    Simulation.Report fresh = Simulation.run(request(other, 8), Progress.NONE);
    assertEquals(0, fresh.resumedRounds());
    assertFalse(files(whole).equals(files(other)));
  }

  @Test
  void refusesAPoolTooSmallForTheRounds() throws IOException {
    Simulation.Request r = request(dir.resolve("x"), 1);
    Simulation.Request big =
        new Simulation.Request(
            r.embeddings(),
            100,
            true,
            100,
            4,
            r.strategies(),
            r.pools(),
            1,
            1,
            15,
            IndexKind.EXACT,
            0.25,
            1,
            dir.resolve("x"),
            false,
            "test");
    OptionException e =
        assertThrows(OptionException.class, () -> Simulation.run(big, Progress.NONE));
    assertTrue(
        e.getMessage()
            .startsWith(
                "--initial 100 + --rounds 4 × --budget 100 = 500 labels, more than the 448"),
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("x")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Simulation.Request(
                r.embeddings(),
                8,
                true,
                10,
                4,
                List.of(Strategy.ID, Strategy.ID),
                r.pools(),
                1,
                1,
                15,
                IndexKind.EXACT,
                0.25,
                1,
                dir.resolve("x"),
                false,
                "test"));
  }

  /** Equal maps, naming the first file that differs and both its contents. */
  private static void assertSame(Map<String, String> expected, Map<String, String> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    List<String> differ =
        expected.keySet().stream().filter(n -> !expected.get(n).equals(actual.get(n))).toList();
    assertEquals(List.of(), differ, () -> differ.isEmpty() ? "" : actual.get(differ.getLast()));
  }

  /** Every file under a folder by relative path, with the timing columns of rounds.csv blanked. */
  private static Map<String, String> files(Path root) throws IOException {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = root.relativize(p).toString();
        byte[] bytes = Files.readAllBytes(p);
        String text =
            name.equals("rounds.csv")
                ? Files.readAllLines(p).stream()
                    .map(l -> l.replaceAll(",[^,]*,[^,]*$", ",T,T"))
                    .collect(Collectors.joining("\n"))
                : name.equals("manifest.json")
                    ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        .replace(root.getFileName().toString(), "OUT")
                    : java.util.HexFormat.of()
                        .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        all.put(name, text);
      }
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    assertTrue(all.containsKey("active.png"));
    assertArrayEquals(
        new String[0], all.keySet().stream().filter(n -> n.contains(".tmp")).toArray());
    return all;
  }

  private static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Fails the run as a kill would stop it, once {@code rounds} rounds are done. */
  private record KillAfter(long rounds, long[] done) implements Progress {
    KillAfter(long rounds) {
      this(rounds, new long[1]);
    }

    @Override
    public void start(String stage, long total) {}

    @Override
    public void advance(long amount) {
      done[0] += amount;
      if (done[0] >= rounds) {
        throw new Killed();
      }
    }

    @Override
    public void finish() {}
  }
}
