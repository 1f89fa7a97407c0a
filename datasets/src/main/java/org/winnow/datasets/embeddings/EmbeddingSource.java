package org.winnow.datasets.embeddings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SortedMap;
import org.winnow.datasets.manifest.Manifest;

/**
 * A file of embeddings, in whichever format it is: the one way every command and library call reads
 * embeddings. {@link #of(Path)} chooses the format by the file's name:
 *
 * <ul>
 *   <li>{@code .npz}: one NumPy archive ({@link NumpyEmbeddings});
 *   <li>{@code .npy}: a NumPy array with its sibling files ({@link NumpyEmbeddings});
 *   <li>anything else: the HDF5 file {@code winnow embed} writes ({@link Hdf5Embeddings}), whatever
 *       its extension, as before other formats were read.
 * </ul>
 *
 * <p>Every format ends in the same {@link EmbeddingSet}, whose constructor holds the validation all
 * formats share (finite, non-zero rows; labels that name a class; unique ids; lengths that agree),
 * and in the same {@link EmbeddingSummary}. Errors are {@link
 * org.winnow.datasets.DatasetException}s with one line naming the file.
 */
public interface EmbeddingSource {

  /** The file as given. */
  Path file();

  /**
   * Reads and validates every row.
   *
   * @throws org.winnow.datasets.DatasetException naming the file when it is missing, malformed or
   *     holds an invalid set
   */
  EmbeddingSet read();

  /**
   * The root attributes as text (model, dataset, {@link EmbeddingsHeader#INDEX_SHA256}, manifest,
   * …), sorted by name, read without the rows; empty for a format that has none.
   *
   * @throws org.winnow.datasets.DatasetException naming the file when it is missing or malformed
   */
  SortedMap<String, String> attributes();

  /**
   * The shape, classes, per-class counts and attributes, read without the rows.
   *
   * @throws org.winnow.datasets.DatasetException naming the file when it is missing, malformed, or
   *     a label names no class
   */
  EmbeddingSummary summarize();

  /**
   * The SHA-256 that a manifest records for this input: of the file's bytes when the set is one
   * file; for a set spread over several files, of the lines {@code <sha256> <name>} that {@code
   * sha256sum} prints for them, in the order the format documents.
   */
  String sha256() throws IOException;

  /**
   * This file as the input {@code role} of a manifest: its absolute path, its {@link #sha256()},
   * and the index hash and manifest that {@code set} (what {@link #read} returned) declares, so
   * that the new manifest chains to the one the file was written with.
   */
  default Manifest.Input manifestInput(String role, EmbeddingSet set) throws IOException {
    return new Manifest.Input(
        role,
        file().toAbsolutePath().normalize().toString(),
        sha256(),
        set.attribute(EmbeddingsHeader.INDEX_SHA256),
        set.attribute(EmbeddingsHeader.MANIFEST));
  }

  /** The source for {@code file}, chosen by its name (see above); nothing is read yet. */
  static EmbeddingSource of(Path file) {
    Path name = file.getFileName();
    String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".npz")) {
      return NumpyEmbeddings.npz(file);
    }
    if (n.endsWith(".npy")) {
      return NumpyEmbeddings.npy(file);
    }
    return new Hdf5Embeddings(file);
  }
}
