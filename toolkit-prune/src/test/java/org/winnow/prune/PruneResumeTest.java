package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter;
import org.winnow.datasets.embeddings.SyntheticEmbeddings;

/**
 * A prune that stops part-way (an exception, or a real {@code kill -9} of a child JVM) continues
 * with the same command: the finished classes are restored from the work folder, the others
 * computed, and the outputs equal an uninterrupted run's, byte for byte.
 */
class PruneResumeTest {

  @TempDir Path dir;

  static Selector selector(String method) {
    return switch (method) {
      case "semantic" -> new SemanticSelector(SemanticSelector.Options.defaults());
      case "random" -> new RandomSelector(3);
      case "saln" -> new SpectralSelector(new SpectralSelector.Options(16, true, 3));
      default -> throw new IllegalArgumentException(method);
    };
  }

  static Pruning.Request request(Path emb, String method, List<Double> keep, Path out) {
    return new Pruning.Request(emb, selector(method), keep, out, false, "t");
  }

  private Path embeddings() throws IOException {
    Path file = dir.resolve("e.h5");
    Hdf5EmbeddingsWriter.write(file, SyntheticEmbeddings.gaussianClusters(8, 40, 12, 4, 0.5, 5));
    return file;
  }

  /**
   * Throws when the {@code classes}-th class ends, as a crash part-way would; a class ending after
   * that waits (until the failed run interrupts it), so that the run stops with classes left.
   */
  static Progress failingAfter(int classes) {
    AtomicInteger ended = new AtomicInteger();
    return Progress.onAdvance(
        amount -> {
          int n = ended.incrementAndGet();
          if (n == classes) {
            throw new IllegalStateException("stopped after " + n + " classes");
          }
          if (n > classes) {
            pause(2000);
          }
        });
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void assertSameOutputs(Path a, Path b) throws IOException {
    for (String sub : List.of("keep-0.9", "keep-0.5")) {
      for (String f : List.of("keep.csv", "groups.csv", "summary.json")) {
        assertEquals(
            Files.readString(a.resolve(sub).resolve(f)),
            Files.readString(b.resolve(sub).resolve(f)),
            sub + "/" + f);
      }
    }
  }

  static List<Path> classFiles(Path work) throws IOException {
    try (Stream<Path> s = Files.list(work)) {
      return s.filter(p -> p.getFileName().toString().matches("class-\\d+\\.bin")).toList();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"semantic", "random", "saln"})
  void aStoppedRunContinuesToTheResultOfAnUninterruptedOne(String method) throws IOException {
    Path emb = embeddings();
    List<Double> keep = List.of(0.9, 0.5);
    Path whole = dir.resolve("whole");
    Pruning.Report full = Pruning.run(request(emb, method, keep, whole), Progress.NONE);
    assertEquals(0, full.resumedClasses());
    assertFalse(Files.exists(Pruning.workFolder(whole)), "no work folder after a finished run");

    Path out = dir.resolve("out");
    Path work = Pruning.workFolder(out);
    assertThrows(
        IllegalStateException.class,
        () -> Pruning.run(request(emb, method, keep, out), failingAfter(3)));
    assertFalse(Files.exists(out), "no output from a stopped run");
    int done = classFiles(work).size();
    assertTrue(done >= 3 && done < 8, done + " classes saved");

    Pruning.Report resumed = Pruning.run(request(emb, method, keep, out), Progress.NONE);
    assertEquals(done, resumed.resumedClasses());
    assertSameOutputs(whole, out);
    assertFalse(Files.exists(work), "the work folder goes once the output is in place");
  }

  @Test
  void anotherRequestOrABrokenClassFileIsComputedAgain() throws IOException {
    Path emb = embeddings();
    Path whole = dir.resolve("whole");
    Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), whole), Progress.NONE);
    Path out = dir.resolve("out");
    Path work = Pruning.workFolder(out);

    // Stopped with other fractions: nothing of it is reused for 0.9 and 0.5.
    assertThrows(
        IllegalStateException.class,
        () -> Pruning.run(request(emb, "semantic", List.of(0.8), out), failingAfter(2)));
    assertTrue(classFiles(work).size() >= 2);
    assertThrows(
        IllegalStateException.class,
        () -> Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), out), failingAfter(4)));
    List<Path> saved = classFiles(work);
    assertTrue(saved.size() >= 4, saved.toString());

    // A class file cut short, and a temporary left by a kill mid-save.
    Path cut = saved.getFirst();
    byte[] bytes = Files.readAllBytes(cut);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 5));
    Files.writeString(work.resolve(".class-7.bin.tmp-1-1"), "partial");

    Pruning.Report r = Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), out), Progress.NONE);
    assertEquals(saved.size() - 1, r.resumedClasses());
    assertSameOutputs(whole, out);
    assertFalse(Files.exists(work));
  }

  @Test
  void aRefusedRunLeavesNoWorkFolder() throws IOException {
    Path emb = embeddings();
    Path out = dir.resolve("out");
    SemanticSelector tight =
        new SemanticSelector(
            new SemanticSelector.Options(0, 1, 1000, CompleteLinkageTree.Engine.NN_CHAIN));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Pruning.run(
                new Pruning.Request(emb, tight, List.of(0.5), out, false, "t"), Progress.NONE));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(emb), left.toList(), "neither output nor work folder");
    }
  }

  /**
   * Prunes {@code args[0]} into {@code args[1]} with {@code semantic} at 0.9 and 0.5, sleeping
   * {@code args[2]} ms after each class so that the parent can kill it part-way; prints the classes
   * it resumed.
   */
  public static void main(String[] args) throws IOException {
    long pause = Long.parseLong(args[2]);
    Progress slow = Progress.onAdvance(amount -> pause(pause));
    Pruning.Report r =
        Pruning.run(
            request(Path.of(args[0]), "semantic", List.of(0.9, 0.5), Path.of(args[1])), slow);
    System.out.println("resumed " + r.resumedClasses());
  }

  @Test
  void aKilledRunContinues() throws Exception {
    Path emb = embeddings();
    Path whole = dir.resolve("whole");
    Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), whole), Progress.NONE);

    Path out = dir.resolve("out");
    Path work = Pruning.workFolder(out);
    String[] args = {emb.toString(), out.toString(), "300"};
    Process child = ForkedJvm.start(PruneResumeTest.class, "256m", dir.resolve("1.log"), args);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while ((!Files.isDirectory(work) || classFiles(work).isEmpty()) && child.isAlive()) {
      assertTrue(System.nanoTime() < deadline, "no class saved within 120 s");
      Thread.sleep(5);
    }
    assertTrue(child.isAlive(), Files.readString(dir.resolve("1.log")));
    child.destroyForcibly();
    child.waitFor(30, TimeUnit.SECONDS);
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertFalse(Files.exists(out));
    int done = classFiles(work).size();
    assertTrue(done >= 1 && done < 8, done + " classes saved");

    Process again = ForkedJvm.start(PruneResumeTest.class, "256m", dir.resolve("2.log"), args);
    assertTrue(again.waitFor(120, TimeUnit.SECONDS));
    String log = Files.readString(dir.resolve("2.log"));
    assertEquals(0, again.exitValue(), log);
    assertTrue(log.contains("resumed " + done), done + " classes saved, but: " + log);
    assertSameOutputs(whole, out);
    assertFalse(Files.exists(work));
  }

  @Test
  void aSecondRunIsRefusedWhileOneRunsAndAKilledOneLeavesNothingAfterTheRerun() throws Exception {
    Path emb = embeddings();
    Path out = dir.resolve("out");
    Path work = Pruning.workFolder(out);
    String[] args = {emb.toString(), out.toString(), "300"};
    Process child = ForkedJvm.start(PruneResumeTest.class, "256m", dir.resolve("1.log"), args);
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while ((!Files.isDirectory(work) || classFiles(work).isEmpty()) && child.isAlive()) {
        assertTrue(System.nanoTime() < deadline, "no class saved within 120 s");
        Thread.sleep(5);
      }
      assertTrue(child.isAlive(), Files.readString(dir.resolve("1.log")));
      String message =
          assertThrows(
                  org.winnow.datasets.DatasetException.class,
                  () ->
                      Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), out), Progress.NONE))
              .getMessage();
      assertTrue(message.contains("in use by another run (pid " + child.pid()), message);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    // A killed write phase leaves a temporary output beside the output: plant one under the dead
    // child's pid (OutputLockTest kills a child in that state).
    Path temp = Files.createDirectories(dir.resolve(".out.tmp-" + child.pid() + "-3/keep-0.5"));
    Files.writeString(temp.resolve("groups.csv"), "id,label,gr");

    Pruning.Report r = Pruning.run(request(emb, "semantic", List.of(0.9, 0.5), out), Progress.NONE);
    assertTrue(r.resumedClasses() >= 1, "the stale lock was taken over and the work reused");
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(
          List.of(),
          left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
          "nothing hidden is left behind");
    }
  }
}
