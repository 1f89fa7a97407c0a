package org.winnow.nets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The exit gate: an exit waits for the batch in progress, and no batch starts after it. */
class NativeGateTest {

  @Test
  void exitWaitsForTheBatchInProgressThenKeepsNewBatchesOut() throws Exception {
    NativeGate gate = new NativeGate();
    NativeGate.Section batch = gate.section();
    CountDownLatch closing = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    Thread exit =
        Thread.ofPlatform()
            .start(
                () -> {
                  closing.countDown();
                  closed.set(gate.close(10, TimeUnit.SECONDS));
                });
    closing.await();
    Thread.sleep(200);
    assertTrue(exit.isAlive(), "the exit must wait while a batch runs");
    // a nested section of the running batch still enters (no self-deadlock)
    gate.section().close();
    batch.close();
    exit.join(5_000);
    assertTrue(closed.get(), "the exit proceeds once the batch is done");

    AtomicBoolean entered = new AtomicBoolean();
    Thread next =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  gate.section();
                  entered.set(true);
                });
    next.join(300);
    assertFalse(entered.get(), "no batch starts once the exit has begun");
    assertTrue(next.isAlive());
  }

  @Test
  void exitGoesOnWhenABatchDoesNotEndInTime() {
    NativeGate gate = new NativeGate();
    try (NativeGate.Section batch = gate.section()) {
      AtomicBoolean closed = new AtomicBoolean(true);
      Thread exit =
          Thread.ofPlatform().start(() -> closed.set(gate.close(100, TimeUnit.MILLISECONDS)));
      assertTrue(joined(exit));
      assertFalse(closed.get());
    }
  }

  @Test
  void sectionsRunOnSeveralThreadsAtOnce() throws Exception {
    NativeGate gate = new NativeGate();
    try (NativeGate.Section a = gate.section()) {
      AtomicBoolean entered = new AtomicBoolean();
      Thread other =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try (NativeGate.Section b = gate.section()) {
                      entered.set(true);
                    }
                  });
      other.join(5_000);
      assertTrue(entered.get());
    }
  }

  private static boolean joined(Thread t) {
    try {
      t.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !t.isAlive();
  }
}
