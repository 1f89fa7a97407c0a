package org.winnow.prune;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

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
   * The common shape of every selector: check the fractions, restore the classes {@code checkpoint}
   * holds, run {@code task} for every other class (see {@link #run}), saving each as it ends, and
   * return one selection per fraction.
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
      ClassCheckpoint checkpoint,
      ClassTask task) {
    fractions.forEach(KeepFractions::check);
    int[][] members = data.members();
    List<Groups> out = new ArrayList<>();
    fractions.forEach(f -> out.add(Groups.of(data.size())));
    // A restored class counts as empty, and run() skips empty classes.
    int[][] remaining = new int[members.length][];
    for (int c = 0; c < members.length; c++) {
      remaining[c] = checkpoint.restore(c, members[c], out) ? new int[0] : members[c];
    }
    run(
        remaining,
        threads,
        bytes,
        budget,
        stage,
        progress,
        c -> {
          task.run(c, members[c], out);
          checkpoint.save(c, members[c], out);
        });
    List<Selection> selections = new ArrayList<>();
    for (int f = 0; f < fractions.size(); f++) {
      selections.add(out.get(f).toSelection(method, fractions.get(f)));
    }
    return selections;
  }

  private static void awaitQuietly(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code task} for every class.
   *
   * @param members each class's rows; classes without any are skipped
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
            .filter(c -> members[c].length > 0)
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
    // Results are taken as they end, so the first failure stops the classes not yet started.
    CompletionService<Void> done = new ExecutorCompletionService<>(pool);
    try {
      for (int c : order) {
        int need = (int) Math.min(permits, Math.max(1, (bytes.applyAsLong(c) + MIB - 1) / MIB));
        done.submit(
            () -> {
              memory.acquireUninterruptibly(need);
              try {
                task.accept(c);
              } finally {
                memory.release(need);
              }
              progress.advance(members[c].length);
              return null;
            });
      }
      for (int i = 0; i < order.size(); i++) {
        done.take().get();
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
      // Classes not started are dropped; those in flight finish (and are saved) before this
      // returns or throws, so no work goes on behind the caller's back.
      pool.shutdownNow();
      awaitQuietly(pool);
    }
    progress.finish();
  }
}
