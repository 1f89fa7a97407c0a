package org.winnow.embed;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.winnow.nets.OfflineDjl;

/** Where inference runs: chosen automatically, or forced to the CPU or the first GPU. */
public enum DeviceChoice {
  /** The first GPU when DJL sees one, else the CPU. */
  AUTO,
  /** The CPU. */
  CPU,
  /** The first GPU; an error when DJL sees none. */
  GPU;

  /**
   * The device this choice means on this machine.
   *
   * @throws EmbeddingException for {@link #GPU} when the engine reports no GPU
   */
  public Device resolve() {
    OfflineDjl.apply();
    int gpus = Engine.getInstance().getGpuCount();
    return switch (this) {
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new EmbeddingException(
              "device gpu: DJL sees no GPU (no CUDA device, or the CPU-only PyTorch native library"
                  + " is in use: on an NVIDIA machine run ./winnow setup-gpu once); use --device cpu"
                  + " or auto");
        }
        yield Device.gpu();
      }
    };
  }

  /** The lower-case name used on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
