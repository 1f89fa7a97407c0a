package org.winnow.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.winnow.datasets.Progress;

/**
 * Runs one task per class on a few threads, largest classes first, never letting the tasks in
 * flight together need more memory than a budget (Birodkar et al. 2019, section 3.2: classes are
 * processed independently).
 */
final class PerClass {

  private static final long MIB = 1 << 20;

  private PerClass() {}

  /** Usable heap: 80% of what the JVM may still allocate. */
  static long heapBudget() {
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    return (long) (0.8 * free);
  }

  /** The thread count to use for a requested count (0: one per processor). */
  static int threads(int requested) {
    return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
  }

  /** The work of one class: fill the groups of its rows, one {@link Groups} per fraction. */
  interface ClassTask {
    void run(int label, int[] rows, List<Groups> perFraction);
  }

  /**
   * The common shape of every selector: check the fractions, run {@code task} for every class (see
   * {@link #run}) and return one selection per fraction.
   */
  static List<Selection> select(
      String method,
      EmbeddingSet data,
      List<Double> fractions,
      int threads,
      IntToLongFunction bytes,
      long budget,
      String stage,
      Progress progress,
      ClassTask task) {
    fractions.forEach(ClassQuota::checkFraction);
    int[][] members = data.members();
    List<Groups> out = new ArrayList<>();
    fractions.forEach(f -> out.add(Groups.of(data.size())));
    run(members, threads, bytes, budget, stage, progress, c -> task.run(c, members[c], out));
    List<Selection> selections = new ArrayList<>();
    for (int f = 0; f < fractions.size(); f++) {
      selections.add(out.get(f).toSelection(method, fractions.get(f)));
    }
    return selections;
  }

  /**
   * Runs {@code task} for every class.
   *
   * @param members each class's rows
   * @param threads worker threads
   * @param bytes the memory a class's task needs; each must be at most {@code budget}
   * @param budget memory the tasks in flight may need together
   * @param stage the progress stage
   * @param progress advanced by a class's size when its task ends
   */
  static void run(
      int[][] members,
      int threads,
      IntToLongFunction bytes,
      long budget,
      String stage,
      Progress progress,
      IntConsumer task) {
    long total = IntStream.range(0, members.length).mapToLong(c -> members[c].length).sum();
    progress.start(stage, total);
    int permits = (int) Math.max(1, Math.min(Integer.MAX_VALUE, budget / MIB));
    Semaphore memory = new Semaphore(permits, true);
    List<Integer> order =
        IntStream.range(0, members.length)
            .boxed()
            .sorted(Comparator.comparingInt((Integer c) -> -members[c].length))
            .toList();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, members.length)),
            r -> {
              Thread t = new Thread(r, "winnow-class");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c : order) {
        int need = (int) Math.min(permits, Math.max(1, (bytes.applyAsLong(c) + MIB - 1) / MIB));
        futures.add(
            pool.submit(
                () -> {
                  memory.acquireUninterruptibly(need);
                  try {
                    task.accept(c);
                  } finally {
                    memory.release(need);
                  }
                  progress.advance(members[c].length);
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    progress.finish();
  }
}
