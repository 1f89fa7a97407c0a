package org.winnow.nets;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps libtorch's own exit from running under a thread that is still inside libtorch.
 *
 * <p>When the JVM exits, HotSpot ends with the C library's {@code exit()}, which runs libtorch's
 * static destructors: among them the accelerator hook registries that {@code
 * at::accelerator::getAccelerator} reads on every autograd backward pass. Threads in native code
 * are not stopped by the JVM's exit safepoint. So when an exit starts on another thread (Ctrl-C,
 * {@code kill}, {@code timeout}: the JVM's signal thread runs the exit) while the main thread is in
 * a training step, that step can call into a registry already destroyed and the JVM dies with
 * SIGSEGV in {@code libtorch_cpu.so} ({@code hs_err_pid18718.log}: thread "main", in native, at
 * {@code getAccelerator}, 13 minutes into a demo).
 *
 * <p>Each batch of engine work (a training step, an evaluation chunk, an inference batch) runs
 * inside {@link #enter()}. A shutdown hook closes the gate: it waits until no thread is inside (at
 * most {@link #EXIT_WAIT_SECONDS} s, one step or batch) and never opens it again, so a thread that
 * would start the next batch parks in Java instead, where the exit stops it safely.
 */
public final class NativeGate {

  /** The longest the exit waits for the batch in progress. */
  static final long EXIT_WAIT_SECONDS = 30;

  private static final NativeGate JVM = new NativeGate();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("winnow-native-gate")
                .unstarted(() -> JVM.close(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)));
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  /** A gate of its own (tests); the engine work of this JVM uses {@link #enter()}. */
  NativeGate() {}

  /** A batch of engine work in progress; closing it lets an exit proceed. */
  public interface Section extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Enters a batch of engine work; blocks for good once the JVM has begun to exit. Sections may
   * nest and may run on several threads at once.
   */
  public static Section enter() {
    return JVM.section();
  }

  /** Enters this gate: see {@link #enter()}. */
  Section section() {
    ReentrantReadWriteLock.ReadLock read = lock.readLock();
    read.lock();
    return read::unlock;
  }

  /**
   * Closes the gate for good: waits for the threads inside to leave, then keeps new ones out.
   *
   * @return whether every thread left in time (false: the exit goes on regardless)
   */
  boolean close(long timeout, TimeUnit unit) {
    if (lock.isWriteLockedByCurrentThread()) {
      return true;
    }
    try {
      return lock.writeLock().tryLock(timeout, unit);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
