package org.winnow.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Results come in task order, and no more than {@code depth} tasks are ever started ahead. */
class PrefetcherTest {

  @Test
  void handsOutResultsInOrderAndNeverStartsMoreThanDepthAhead() throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> got = new ArrayList<>();
    try (Prefetcher<Integer> p =
        new Prefetcher<>(
            20,
            k -> {
              started.incrementAndGet();
              try {
                release.await();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              return k * k;
            },
            4,
            3)) {
      // Four workers but a depth of three: only three tasks may start while none is taken.
      while (started.get() < 3) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      assertEquals(3, started.get());
      release.countDown();
      while (p.hasNext()) {
        got.add(p.next());
        // taken results leave the queue; at most depth more have been started
        assertTrue(started.get() <= got.size() + 3, started + " started");
      }
    }
    assertEquals(20, got.size());
    for (int k = 0; k < 20; k++) {
      assertEquals(k * k, got.get(k));
    }
  }

  @Test
  void aTasksFailureReachesTheConsumerAsItIs() {
    DatasetException bad = new DatasetException("cat/1.png: cannot decode");
    try (Prefetcher<Integer> p =
        new Prefetcher<>(
            3,
            k -> {
              if (k == 1) {
                throw bad;
              }
              return k;
            },
            2,
            2)) {
      assertEquals(0, p.next());
      assertSame(bad, assertThrows(DatasetException.class, p::next));
      assertEquals(2, p.next());
    }
  }
}
