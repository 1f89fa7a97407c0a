package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run per output: a second claim fails at once, a killed holder's claim is taken over. */
class OutputLockTest {

  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void anotherThreadIsRefusedTheSameThreadNests() throws Exception {
    Path out = dir.resolve("out");
    try (OutputLock claim = OutputLock.acquire(out)) {
      try (OutputLock nested = OutputLock.acquire(out)) {
        assertTrue(Files.exists(OutputLock.lockFile(out)));
      }
      assertTrue(Files.exists(OutputLock.lockFile(out)), "a nested claim keeps the lock");
      CompletableFuture<OutputLock> other =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return OutputLock.acquire(out);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      Throwable e = assertThrows(Exception.class, other::join).getCause();
      assertTrue(e instanceof DatasetException, String.valueOf(e));
      assertTrue(
          e.getMessage().contains("in use by another run (pid " + ProcessHandle.current().pid()),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    assertEquals(List.of(), names(), "nothing hidden is left behind");
    OutputLock.acquire(out).close(); // free again
  }

  /**
   * Claims {@code args[0]}, leaves a temporary folder beside it as a write phase would, prints
   * {@code claimed} and sleeps until killed.
   */
  public static void main(String[] args) throws Exception {
    Path out = Path.of(args[0]);
    OutputLock.acquire(out);
    Path temp = Files.createDirectory(AtomicFiles.tempSibling(out));
    Files.writeString(temp.resolve("groups.csv"), "id,label,gro");
    System.out.println("claimed");
    System.out.flush();
    Thread.sleep(TimeUnit.MINUTES.toMillis(5));
  }

  @Test
  void aLiveHolderIsNamedAKilledOnesLockAndDebrisAreTakenOver() throws Exception {
    Path out = dir.resolve("out");
    Path log = Files.createDirectories(dir.resolve("logs")).resolve("child.log");
    Process child = ForkedJvm.start(OutputLockTest.class, "64m", log, out.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("claimed")) {
        assertTrue(child.isAlive(), Files.readString(log));
        assertTrue(System.nanoTime() < deadline, "the child claimed nothing within 60 s");
        Thread.sleep(10);
      }
      String message =
          assertThrows(DatasetException.class, () -> OutputLock.acquire(out)).getMessage();
      assertTrue(message.contains("in use by another run (pid " + child.pid() + " on "), message);
      assertTrue(message.contains(", started "), message);
      assertTrue(message.contains("writing " + dir.toRealPath().resolve("out")), message);
      String temp = ".out.tmp-" + child.pid() + "-1";
      assertTrue(names().contains(temp), "a live run's temporary is kept: " + names());
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertEquals(137, child.exitValue(), "killed by SIGKILL");
    assertTrue(Files.exists(OutputLock.lockFile(out)), "the kill left its lock file");

    try (OutputLock claim = OutputLock.acquire(out)) {
      assertEquals(List.of("logs"), names(), "the killed run's temporary is gone");
    }
    assertEquals(List.of("logs"), names());
  }

  @Test
  void debrisInsideTheOutputAndItsWorkFolderIsSwept() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    long dead = deadPid();
    Path inside = Files.createDirectories(out.resolve("keep-0.5/.groups.csv.tmp-" + dead + "-7"));
    Path work = Files.createDirectories(dir.resolve(".out.partial"));
    Path saved = Files.writeString(work.resolve("class-0.csv"), "kept");
    Path half = Files.writeString(work.resolve(".class-1.csv.tmp-" + dead + "-2"), "ha");
    Path mine =
        Files.writeString(
            work.resolve(".class-2.csv.tmp-" + ProcessHandle.current().pid() + "-999999"), "live");
    try (OutputLock claim = OutputLock.acquire(out)) {
      assertFalse(Files.exists(inside));
      assertFalse(Files.exists(half));
      assertTrue(Files.exists(saved), "finished work is kept for the resume");
      assertTrue(Files.exists(mine), "a live process's temporary is kept");
    }
  }

  /** A pid that no running process has: that of a child JVM that has exited. */
  private static long deadPid() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    p.waitFor();
    return p.pid();
  }
}
