package org.winnow.nets;

/**
 * Keeps DJL off the network whoever starts it: the launcher, a test, or a library caller that ran
 * {@code java} itself. When its engine loads, DJL 0.35 "calls home" ({@code
 * ai.djl.util.Ec2Utils.callHome}): it asks the cloud metadata address 169.254.169.254 for an
 * instance id and reports to a telemetry bucket, unless offline mode ({@code DJL_OFFLINE}, or the
 * system property {@code ai.djl.offline}) or {@code OPT_OUT_TRACKING} (environment or system
 * property) is true. Offline mode also stops DJL from downloading engines and models at run time.
 *
 * <p>Every Winnow entry point that can load the engine calls {@link #apply} first. An environment
 * variable the user set wins: {@code DJL_OFFLINE=false} still allows model-zoo downloads (and
 * {@code OPT_OUT_TRACKING=false} tracking); only what nobody set is given Winnow's default. It also
 * points DJL at the CUDA build {@code winnow setup-gpu} recorded, if any ({@link GpuLibTorch}).
 */
public final class OfflineDjl {

  /** DJL's offline switch: its environment variable and system property. */
  static final String OFFLINE_ENV = "DJL_OFFLINE";

  static final String OFFLINE_PROPERTY = "ai.djl.offline";

  /** DJL's tracking opt-out, read as an environment variable, else a system property. */
  static final String OPT_OUT = "OPT_OUT_TRACKING";

  private OfflineDjl() {}

  /**
   * Turns DJL's tracking off and its offline mode on, unless the environment or a system property
   * says otherwise, and applies the recorded CUDA build. Cheap and idempotent; call it before
   * anything that may load the engine.
   */
  public static void apply() {
    setUnlessGiven(OPT_OUT, OPT_OUT);
    setUnlessGiven(OFFLINE_ENV, OFFLINE_PROPERTY);
    GpuLibTorch.apply();
  }

  private static void setUnlessGiven(String env, String property) {
    if (System.getenv(env) == null && System.getProperty(property) == null) {
      System.setProperty(property, "true");
    }
  }
}
