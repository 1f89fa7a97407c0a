package org.winnow.datasets.embeddings;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.Sha256;

/**
 * Embeddings held as NumPy arrays, the form in which SemDeDup and faiss users keep theirs. Two
 * layouts are read:
 *
 * <ul>
 *   <li><b>{@code .npy} with siblings.</b> The file given (any name ending {@code .npy}, e.g.
 *       {@code X.npy}) holds the embeddings, 2-D [N, D]. Its folder holds {@code labels.npy}
 *       (required, 1-D [N], any integer dtype), and optionally the ids, as {@code ids.npy} (1-D
 *       unicode, dtype {@code <U…}) or {@code ids.txt} (UTF-8, one id per line; not both), and
 *       {@code class_names.txt} (UTF-8, one name per line, line {@code c} naming label {@code c}).
 *       Sibling names are fixed, so a folder holds one set; {@code labels.npy} and {@code ids.npy}
 *       themselves cannot be given as the embeddings.
 *   <li><b>One {@code .npz}</b> ({@code np.savez}, stored, or {@code np.savez_compressed},
 *       deflated) with the arrays {@code embeddings} and {@code labels}, and optionally {@code ids}
 *       and {@code class_names} (1-D unicode). Other arrays are ignored.
 * </ul>
 *
 * <p>Embeddings may be float16, float32 or float64, in C or Fortran order, either byte order; they
 * are converted to float32. Without ids, a row's id is its row number as text ({@code "0"}, {@code
 * "1"}, …); without class names, classes are the label numbers ({@code "0"} to the largest label),
 * as for an HDF5 file without {@code /class_names}. Object (pickled) and structured arrays are
 * refused; the validation is {@link EmbeddingSet}'s, as for every format.
 *
 * <p>A NumPy set has no attributes: no dataset index hash and no manifest. Where a stage matches
 * embeddings to a dataset by index hash, it matches such a set by its ids instead, which must then
 * be the dataset's sample ids. For a {@code .npy} set, {@link #sha256()} covers every file read, in
 * the order embeddings, labels, ids, class names.
 */
public final class NumpyEmbeddings implements EmbeddingSource {

  /** The labels beside a {@code .npy}. */
  public static final String LABELS_NPY = "labels.npy";

  /** The ids beside a {@code .npy}, as an array. */
  public static final String IDS_NPY = "ids.npy";

  /** The ids beside a {@code .npy}, as lines. */
  public static final String IDS_TXT = "ids.txt";

  /** The class names beside a {@code .npy}, as lines. */
  public static final String CLASS_NAMES_TXT = "class_names.txt";

  private static final String EMBEDDINGS = "embeddings";
  private static final String LABELS = "labels";
  private static final String IDS = "ids";
  private static final String CLASS_NAMES = "class_names";

  private final Path file;
  private final boolean zip;

  private NumpyEmbeddings(Path file, boolean zip) {
    this.file = file;
    this.zip = zip;
  }

  /** The {@code .npy} embeddings at {@code file}, with the siblings described above. */
  public static NumpyEmbeddings npy(Path file) {
    return new NumpyEmbeddings(file, false);
  }

  /** The {@code .npz} archive at {@code file}. */
  public static NumpyEmbeddings npz(Path file) {
    return new NumpyEmbeddings(file, true);
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public EmbeddingSet read() {
    try (Arrays a = open()) {
      NpyArray embeddings = a.embeddings();
      HeapCheck.requireFits(
          file.toString(), embeddings.rows(EMBEDDINGS), embeddings.columns(EMBEDDINGS));
      float[][] vectors = embeddings.floatRows(EMBEDDINGS);
      int[] labels = a.labels().ints(LABELS);
      List<String> ids = a.ids().orElseGet(() -> EmbeddingSet.rowNumbers(vectors.length));
      List<String> names =
          a.classNames().orElseGet(() -> EmbeddingSet.numberedClasses(file.toString(), labels));
      return new EmbeddingSet(file.toString(), ids, labels, names, vectors, attributes());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  @Override
  public EmbeddingSummary summarize() {
    try (Arrays a = open()) {
      NpyArray embeddings = a.embeddings();
      long rows = embeddings.rows(EMBEDDINGS);
      long dimension = embeddings.columns(EMBEDDINGS);
      int[] labels = a.labels().ints(LABELS);
      List<String> names =
          a.classNames().orElseGet(() -> EmbeddingSet.numberedClasses(file.toString(), labels));
      return EmbeddingSummary.count(file, rows, dimension, labels, names, attributes());
    } catch (IOException e) {
      throw unreadable(e);
    }
  }

  /** None: NumPy files carry no attributes. */
  @Override
  public SortedMap<String, String> attributes() {
    EmbeddingSet.requireFile(file);
    return Collections.emptySortedMap();
  }

  @Override
  public String sha256() throws IOException {
    if (zip) {
      return Sha256.of(file);
    }
    Sha256 lines = new Sha256();
    for (Path p : Folder.files(file)) {
      lines.update(Sha256.of(p) + "  " + p.getFileName() + "\n");
    }
    return lines.hex();
  }

  /**
   * Writes {@code set} as a {@code .npy} set: {@code file} (float32) and, beside it, {@code
   * labels.npy} (int32), {@code ids.npy} and {@code class_names.txt}; each file complete or absent.
   * Attributes are not written (NumPy files have none). For tests and for handing embeddings to
   * NumPy users.
   *
   * @throws IllegalArgumentException when a class name holds a line break
   */
  public static void writeNpy(Path file, EmbeddingSet set) throws IOException {
    for (String name : set.classNames()) {
      if (name.contains("\n") || name.contains("\r")) {
        throw new IllegalArgumentException(
            "class name '"
                + name.strip()
                + "' spans lines; "
                + CLASS_NAMES_TXT
                + " cannot hold it");
      }
    }
    AtomicFiles.write(file, out -> NpyArray.writeFloats(out, set.vectors()));
    AtomicFiles.write(
        file.resolveSibling(LABELS_NPY), out -> NpyArray.writeInts(out, set.labels()));
    AtomicFiles.write(file.resolveSibling(IDS_NPY), out -> NpyArray.writeStrings(out, set.ids()));
    AtomicFiles.writeString(
        file.resolveSibling(CLASS_NAMES_TXT),
        set.classNames().stream().map(n -> n + "\n").collect(Collectors.joining()));
  }

  /**
   * Writes {@code set} as one {@code .npz} (deflated, as {@code np.savez_compressed} writes) with
   * the arrays {@code embeddings}, {@code labels}, {@code ids} and {@code class_names}; the file is
   * complete or absent.
   */
  public static void writeNpz(Path file, EmbeddingSet set) throws IOException {
    AtomicFiles.write(
        file,
        out -> {
          ZipOutputStream zip = new ZipOutputStream(out);
          zip.putNextEntry(new ZipEntry(EMBEDDINGS + ".npy"));
          NpyArray.writeFloats(zip, set.vectors());
          zip.putNextEntry(new ZipEntry(LABELS + ".npy"));
          NpyArray.writeInts(zip, set.labels());
          zip.putNextEntry(new ZipEntry(IDS + ".npy"));
          NpyArray.writeStrings(zip, set.ids());
          zip.putNextEntry(new ZipEntry(CLASS_NAMES + ".npy"));
          NpyArray.writeStrings(zip, set.classNames());
          zip.finish();
        });
  }

  private Arrays open() throws IOException {
    EmbeddingSet.requireFile(file);
    return zip ? new Archive(file) : new Folder(file);
  }

  private DatasetException unreadable(IOException e) {
    return new DatasetException(file + ": cannot read (" + e.getMessage() + ")", e);
  }

  /** Where the arrays of a set come from. Each array is opened once, when asked for. */
  private interface Arrays extends AutoCloseable {
    NpyArray embeddings() throws IOException;

    NpyArray labels() throws IOException;

    Optional<List<String>> ids() throws IOException;

    Optional<List<String>> classNames() throws IOException;

    @Override
    void close() throws IOException;
  }

  /** A {@code .npy} and its siblings. */
  private static final class Folder implements Arrays {
    private final Path file;
    private final List<InputStream> open = new ArrayList<>();

    Folder(Path file) {
      this.file = file;
      String name = file.getFileName().toString();
      if (name.equals(LABELS_NPY) || name.equals(IDS_NPY)) {
        throw new DatasetException(
            file + ": is a sibling file of a NumPy set; pass the embeddings .npy beside it");
      }
    }

    /** Every file of the set that exists, in the order embeddings, labels, ids, class names. */
    static List<Path> files(Path file) {
      List<Path> out = new ArrayList<>(List.of(file, file.resolveSibling(LABELS_NPY)));
      for (String s : List.of(IDS_NPY, IDS_TXT, CLASS_NAMES_TXT)) {
        if (Files.isRegularFile(file.resolveSibling(s))) {
          out.add(file.resolveSibling(s));
        }
      }
      return out;
    }

    @Override
    public NpyArray embeddings() throws IOException {
      return array(file);
    }

    @Override
    public NpyArray labels() throws IOException {
      Path labels = file.resolveSibling(LABELS_NPY);
      if (!Files.isRegularFile(labels)) {
        throw new DatasetException(
            file + ": no " + LABELS_NPY + " beside it (a .npy set needs its labels there)");
      }
      return array(labels);
    }

    @Override
    public Optional<List<String>> ids() throws IOException {
      Path npy = file.resolveSibling(IDS_NPY);
      Path txt = file.resolveSibling(IDS_TXT);
      if (Files.isRegularFile(npy) && Files.isRegularFile(txt)) {
        throw new DatasetException(
            file + ": both " + IDS_NPY + " and " + IDS_TXT + " are beside it; keep one");
      }
      if (Files.isRegularFile(npy)) {
        return Optional.of(array(npy).strings(IDS));
      }
      return Files.isRegularFile(txt) ? Optional.of(lines(txt)) : Optional.empty();
    }

    @Override
    public Optional<List<String>> classNames() throws IOException {
      Path txt = file.resolveSibling(CLASS_NAMES_TXT);
      return Files.isRegularFile(txt) ? Optional.of(lines(txt)) : Optional.empty();
    }

    private NpyArray array(Path p) throws IOException {
      InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
      open.add(in);
      return NpyArray.open(in, p.toString());
    }

    private static List<String> lines(Path p) throws IOException {
      try {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readString(p, StandardCharsets.UTF_8).split("\n", -1)) {
          lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        if (lines.getLast().isEmpty()) {
          lines.removeLast(); // the newline that ends the last line
        }
        return lines;
      } catch (CharacterCodingException | UncheckedIOException e) {
        throw new DatasetException(p + ": is not UTF-8 text", e);
      }
    }

    @Override
    public void close() throws IOException {
      for (InputStream in : open) {
        in.close();
      }
    }
  }

  /** One {@code .npz}: a zip of {@code .npy} entries named after the arrays. */
  private static final class Archive implements Arrays {
    private final Path file;
    private final ZipFile zip;

    Archive(Path file) throws IOException {
      this.file = file;
      try {
        this.zip = new ZipFile(file.toFile());
      } catch (ZipException e) {
        throw new DatasetException(
            file + ": not a NumPy .npz archive (cannot read it as a zip: " + e.getMessage() + ")",
            e);
      }
    }

    @Override
    public NpyArray embeddings() throws IOException {
      return required(EMBEDDINGS);
    }

    @Override
    public NpyArray labels() throws IOException {
      return required(LABELS);
    }

    @Override
    public Optional<List<String>> ids() throws IOException {
      Optional<NpyArray> a = optional(IDS);
      return a.isEmpty() ? Optional.empty() : Optional.of(a.get().strings(IDS));
    }

    @Override
    public Optional<List<String>> classNames() throws IOException {
      Optional<NpyArray> a = optional(CLASS_NAMES);
      return a.isEmpty() ? Optional.empty() : Optional.of(a.get().strings(CLASS_NAMES));
    }

    private NpyArray required(String name) throws IOException {
      return optional(name)
          .orElseThrow(
              () ->
                  new DatasetException(
                      file
                          + ": no array '"
                          + name
                          + "' (a .npz set holds embeddings and labels, optionally ids and"
                          + " class_names; this one holds "
                          + names()
                          + ")"));
    }

    private Optional<NpyArray> optional(String name) throws IOException {
      ZipEntry e = zip.getEntry(name + ".npy");
      if (e == null) {
        return Optional.empty();
      }
      try {
        InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16);
        return Optional.of(NpyArray.open(in, file + ", array '" + name + "'"));
      } catch (ZipException ze) {
        throw new DatasetException(
            file + ", array '" + name + "': cannot read from the archive (" + ze.getMessage() + ")",
            ze);
      }
    }

    private String names() {
      List<String> names = new ArrayList<>();
      zip.stream().map(ZipEntry::getName).sorted().forEach(names::add);
      return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    @Override
    public void close() throws IOException {
      zip.close();
    }
  }
}
