package org.winnow.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.ManifestDiff;
import org.winnow.datasets.manifest.Sha256;

/**
 * One stage of a job: a sub-folder of the job's folder, complete when it exists, with the stage's
 * {@code manifest.json} (options, seed, input hashes; its fingerprint). The stage is built in a
 * hidden {@code .<name>.partial} folder that holds the manifest from the start, and renamed into
 * place when done.
 *
 * <ul>
 *   <li>A complete folder with the same manifest is skipped.
 *   <li>A complete folder with another manifest is rebuilt. Each later stage lists this stage's
 *       manifest among its inputs ({@link #input}), so its own manifest changes too, and it is
 *       rebuilt after.
 *   <li>A partial folder with the same manifest is handed back to the stage to continue (embedding
 *       shards, training checkpoints); with another manifest it is deleted.
 * </ul>
 */
public final class StageFolder {

  /** The manifest's file name in a stage folder. */
  public static final String MANIFEST = "manifest.json";

  private StageFolder() {}

  /** Builds a stage's contents into a folder. */
  @FunctionalInterface
  public interface Work {
    /**
     * @param folder the partial folder to fill; it holds the manifest
     * @param resuming whether it also holds what an interrupted earlier attempt left
     */
    void build(Path folder, boolean resuming) throws IOException;
  }

  /**
   * Runs a stage unless it is complete and the same.
   *
   * @param job the job's folder
   * @param name the stage's sub-folder, e.g. {@code embed}
   * @param manifest the stage's manifest as it would be written now
   * @param log receives one line saying what happened
   * @return whether the stage was built (false: skipped)
   */
  public static boolean run(
      Path job, String name, Manifest manifest, Work work, Consumer<String> log)
      throws IOException {
    Path done = job.resolve(name);
    Path partial = job.resolve("." + name + ".partial");
    String text = manifest.toJson();
    Optional<String> before = read(done.resolve(MANIFEST));
    if (before.isPresent() && before.get().equals(text)) {
      log.accept(name + ": up to date, skipped");
      return false;
    }
    boolean resuming = read(partial.resolve(MANIFEST)).map(text::equals).orElse(false);
    if (resuming) {
      log.accept(name + ": continuing an interrupted attempt");
    } else {
      AtomicFiles.deleteTree(partial);
      Files.createDirectories(partial);
      AtomicFiles.writeString(partial.resolve(MANIFEST), text);
      before.ifPresent(
          b ->
              log.accept(
                  name
                      + ": inputs or options changed ("
                      + ManifestDiff.differingKeys(b, text)
                      + "), rebuilding"));
    }
    work.build(partial, resuming);
    AtomicFiles.replaceFolder(partial, done);
    return true;
  }

  /**
   * A complete stage as the input of a later one: its manifest's SHA-256, and its path relative to
   * the job's folder, so that a moved job folder stays up to date.
   */
  public static Manifest.Input input(Path job, String name) throws IOException {
    Path file = job.resolve(name).resolve(MANIFEST);
    return new Manifest.Input(
        name + "_stage",
        name + "/" + MANIFEST,
        Sha256.of(file),
        Optional.empty(),
        Optional.empty());
  }

  private static Optional<String> read(Path file) throws IOException {
    return Files.isRegularFile(file)
        // decoded leniently: a damaged manifest that is not UTF-8 just differs, and is redone
        ? Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))
        : Optional.empty();
  }
}
