package org.winnow.train;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.winnow.datasets.manifest.Sha256;
import org.winnow.prune.KeepList;

/**
 * The training samples a run is restricted to: the ids of a {@code keep.csv} from {@code winnow
 * prune}, or any set a caller builds (a redundancy curve's subset).
 *
 * @param ids the sample ids, unique; their order does not matter
 * @param file the keep-list file they were read from, if any (hashed into the manifest)
 * @param labels the label the file gives each id, checked against the dataset's; empty for a set
 *     built in code
 */
public record KeepIds(List<String> ids, Optional<Path> file, Map<String, Integer> labels) {

  /** Copies the ids and checks they are unique. */
  public KeepIds {
    ids = List.copyOf(ids);
    Objects.requireNonNull(file, "file");
    labels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(labels));
    if (new java.util.HashSet<>(ids).size() != ids.size()) {
      throw new IllegalArgumentException(
          file.map(Path::toString).orElse("keep ids") + ": ids are not unique");
    }
  }

  /** Ids without labels to check, from {@code file} if there is one. */
  public KeepIds(List<String> ids, Optional<Path> file) {
    this(ids, file, Map.of());
  }

  /** A keep set built in code. */
  public static KeepIds of(Collection<String> ids) {
    return new KeepIds(List.copyOf(ids), Optional.empty());
  }

  /**
   * The ids of a keep-list file.
   *
   * @throws org.winnow.datasets.DatasetException naming the file when it is missing or malformed
   */
  public static KeepIds read(Path file) {
    List<KeepList.Entry> entries = KeepList.read(file);
    return new KeepIds(
        entries.stream().map(KeepList.Entry::id).toList(),
        Optional.of(file),
        KeepList.labels(entries));
  }

  /**
   * SHA-256 of the ids sorted (code-point order), one per line: the same set hashes the same
   * whichever file or order it came in.
   */
  public String sha256() {
    Sha256 sha = new Sha256();
    for (String id : ids.stream().sorted().toList()) {
      sha.update(id + "\n");
    }
    return sha.hex();
  }
}
