package org.winnow.datasets;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs numbered tasks (typically: decode and preprocess batch {@code k}) on worker threads ahead of
 * their consumer and hands the results out in order. At most {@code depth} tasks are running or
 * finished but not yet taken, so memory stays bounded by {@code depth} results however far the
 * workers could run ahead. Used by {@code winnow embed} and by training on folder datasets.
 *
 * @param <T> what a task produces
 */
public final class Prefetcher<T> implements AutoCloseable {

  private final IntFunction<T> task;
  private final int count;
  private final int depth;
  private final ExecutorService pool;
  private final ArrayDeque<Future<T>> pending = new ArrayDeque<>();
  private int submitted;

  /**
   * Starts tasks {@code 0 .. count-1}.
   *
   * @param count number of tasks
   * @param task produces result {@code k}; must be safe to call from several threads at once
   * @param workers worker threads, at least 1
   * @param depth most results running or waiting at once, at least 1
   */
  public Prefetcher(int count, IntFunction<T> task, int workers, int depth) {
    if (workers < 1 || depth < 1) {
      throw new IllegalArgumentException("workers and depth must be at least 1");
    }
    this.task = task;
    this.count = count;
    this.depth = depth;
    this.pool =
        Executors.newFixedThreadPool(
            workers, Thread.ofPlatform().daemon().name("winnow-decode-", 0).factory());
    fill();
  }

  /** Whether another result remains. */
  public boolean hasNext() {
    return !pending.isEmpty();
  }

  /**
   * The next result in order, waiting for it if needed.
   *
   * @throws java.util.NoSuchElementException when every result has been taken
   * @throws RuntimeException what the task threw (e.g. a {@link DatasetException} naming a file
   *     that cannot be decoded)
   */
  public T next() {
    Future<T> f = pending.remove();
    fill();
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new DatasetException("decoding failed: " + e.getCause(), e.getCause());
    }
  }

  private void fill() {
    while (pending.size() < depth && submitted < count) {
      int k = submitted++;
      pending.add(pool.submit(() -> task.apply(k)));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
