package org.winnow.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.LibUtils;
import java.util.ArrayList;
import java.util.List;
import org.winnow.nets.OfflineDjl;

/**
 * What {@link GpuSetup} runs in a fresh JVM to see which libtorch DJL loads there: it loads the
 * engine as that JVM's environment says (so a download happens here, in the child, when the
 * environment allows one), and prints one line, {@code probe <gpus> <library folder>}, or {@code
 * probe-error <cause>} and exits 3. With {@code gpu} as argument it also adds two numbers on the
 * first GPU, so that a library that loads but cannot run CUDA kernels (a driver too old for CUDA
 * 12.8) is caught here rather than in the user's first training run.
 */
public final class EngineProbe {

  /** The prefix of the line that reports success. */
  static final String OK = "probe ";

  /** The prefix of the line that reports a failure. */
  static final String ERROR = "probe-error ";

  private EngineProbe() {}

  /**
   * Loads the engine and prints what it found.
   *
   * @param args {@code gpu} to also run a kernel on the first GPU
   */
  public static void main(String[] args) {
    boolean runOnGpu = args.length > 0 && args[0].equals("gpu");
    try {
      OfflineDjl.apply();
      // Loading the library first surfaces the real cause of a failure (a failed download, a
      // library that does not link); Engine.getInstance only logs it and reports "no engine".
      LibUtils.loadLibrary();
      Engine engine = Engine.getInstance();
      int gpus = engine.getGpuCount();
      if (runOnGpu && gpus > 0) {
        try (NDManager m = NDManager.newBaseManager(Device.gpu())) {
          float sum = m.arange(1000f).sum().getFloat();
          if (sum != 499500f) {
            throw new IllegalStateException("the GPU added 0..999 to " + sum + ", not 499500");
          }
        }
      }
      System.out.println(OK + gpus + " " + LibUtils.getLibtorchPath());
      System.out.flush();
      // halt: nothing is left to clean up, and libtorch's static destructors are best not run.
      Runtime.getRuntime().halt(0);
    } catch (RuntimeException | LinkageError e) {
      System.out.println(ERROR + causes(e));
      System.out.flush();
      Runtime.getRuntime().halt(3);
    }
  }

  /** Every distinct message of a cause chain, outermost first, on one line. */
  static String causes(Throwable e) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 6; t = t.getCause()) {
      String m =
          (t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()))
              .replace('\n', ' ')
              .strip();
      if (parts.stream().noneMatch(p -> p.contains(m))) {
        parts.add(m);
      }
    }
    return String.join(" <- ", parts);
  }
}
