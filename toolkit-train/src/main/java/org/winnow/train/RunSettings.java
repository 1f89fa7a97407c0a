package org.winnow.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.nets.OfflineDjl;

/**
 * Where and how a run executes. Of these only the seed and the device change what it computes, so
 * only they enter the manifest.
 *
 * @param seed fixes initialisation, shuffling, augmentation, validation split and selection
 * @param out the run folder
 * @param resume continue the run in {@code out} from its last completed epoch
 * @param device where to train
 * @param workers decoding threads for folder datasets, at least 1
 * @param version the Winnow version recorded in the manifest
 */
public record RunSettings(
    long seed, Path out, boolean resume, Device device, int workers, String version) {

  /** The default seed. */
  public static final long DEFAULT_SEED = 2026;

  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException with one line naming the option and what is wrong
   */
  public RunSettings {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(version, "version");
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1");
    }
  }

  /** A new run in {@code out} with the default seed, on the engine's default device. */
  public static RunSettings defaults(Path out) {
    OfflineDjl.apply();
    return new RunSettings(
        DEFAULT_SEED, out, false, Engine.getInstance().defaultDevice(), 2, "unknown");
  }

  /** With another seed. */
  public RunSettings withSeed(long s) {
    return new RunSettings(s, out, resume, device, workers, version);
  }

  /** With another run folder. */
  public RunSettings withOut(Path o) {
    return new RunSettings(seed, o, resume, device, workers, version);
  }

  /** With resuming switched on or off. */
  public RunSettings withResume(boolean r) {
    return new RunSettings(seed, out, r, device, workers, version);
  }

  /** With another device. */
  public RunSettings withDevice(Device d) {
    return new RunSettings(seed, out, resume, d, workers, version);
  }

  /** With another number of decoding threads. */
  public RunSettings withWorkers(int w) {
    return new RunSettings(seed, out, resume, device, w, version);
  }

  /** With the version to record. */
  public RunSettings withVersion(String v) {
    return new RunSettings(seed, out, resume, device, workers, v);
  }

  /** The manifest's entries for the run: the seed and the device. */
  SortedMap<String, String> describe() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put("seed", Long.toString(seed));
    m.put("device", device.toString());
    return m;
  }
}
