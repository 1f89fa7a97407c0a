package org.winnow.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.winnow.datasets.manifest.Manifest;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.nets.Checkpoints;

/**
 * What a model's values are, as far as resuming is concerned: a rerun may continue a partial run
 * only with the same key. For a file it is the content's SHA-256, not the path, so that a model
 * replaced at the same path is refused and a moved one is not:
 *
 * <ul>
 *   <li>a TorchScript file: the SHA-256 of the file;
 *   <li>a checkpoint: the SHA-256 of its {@code checkpoint.json}, which records the architecture,
 *       input, classes and the SHA-256 of the parameter file ({@link Checkpoints#load} checks that
 *       the parameters match it), so the key changes whenever the parameters do;
 *   <li>an architecture name: the model's description, which names the seed its initialisation is a
 *       function of;
 *   <li>a zoo URL: the URL (DJL's download cache is not hashed).
 * </ul>
 *
 * @param key the text shards record and compare
 * @param input the hashed file as a manifest input, for file models
 */
record ModelKey(String key, Optional<Manifest.Input> input) {

  /** The key of the model {@code spec} named and {@link ModelSpecs#open} opened. */
  static ModelKey of(String spec, EmbeddingModel model) throws IOException {
    if (spec.contains("://")) {
      return new ModelKey("zoo " + spec, Optional.empty());
    }
    if (ModelSpecs.isArchitecture(spec)) {
      return new ModelKey(model.description(), Optional.empty());
    }
    Path path = Path.of(spec).toAbsolutePath().normalize();
    if (ModelSpecs.isTorchScript(path)) {
      return hashed("torchscript", path);
    }
    return hashed("checkpoint", Checkpoints.resolve(path).resolve(Checkpoints.METADATA_FILE));
  }

  private static ModelKey hashed(String role, Path file) throws IOException {
    String sha = Sha256.of(file);
    return new ModelKey(
        role + " sha256 " + sha,
        Optional.of(
            new Manifest.Input(
                "model " + role, file.toString(), sha, Optional.empty(), Optional.empty())));
  }
}
