package org.winnow.datasets.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.manifest.Sha256;

/** NumPy {@code .npy} sets and {@code .npz} archives, as NumPy writes them and as they go wrong. */
class NumpyEmbeddingsTest {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  @TempDir Path dir;

  /** The value the Python script stores at row {@code i}, column {@code j}: exact in float16. */
  static float x(int i, int j) {
    return ((i * 3 + j) % 7 + 1) / 8f;
  }

  /** Runs {@code script} with {@code args}; skips the test when python3 or NumPy is missing. */
  static String python(String script, String... args) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(PYTHON), "skipped: no " + PYTHON);
    List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", script));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    Assumptions.assumeTrue(p.exitValue() != 3, "skipped: python3 has no numpy");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  static final String IMPORT =
      "import sys, os, hashlib\ntry:\n    import numpy as np\nexcept ImportError:\n    sys.exit(3)\n";

  @Test
  void readsWhatNumpyWrites() throws Exception {
    String script =
        IMPORT
            + """
            d = sys.argv[1]
            x = ((np.arange(18).reshape(6, 3) % 7) + 1) / 8.0
            for f in 'abc':
                os.makedirs(os.path.join(d, f))
            np.save(os.path.join(d, 'a', 'X.npy'), x.astype(np.float32))
            np.save(os.path.join(d, 'a', 'labels.npy'), np.array([0, 1, 2, 0, 1, 2]))
            np.save(os.path.join(d, 'a', 'ids.npy'), np.array(['a/é.png', 'b', 'c', 'd', 'e', 'ff']))
            open(os.path.join(d, 'a', 'class_names.txt'), 'w', encoding='utf-8').write('cat\\ndog\\nbird\\n')
            np.save(os.path.join(d, 'b', 'emb.npy'), np.asfortranarray(x))
            np.save(os.path.join(d, 'b', 'labels.npy'), np.array([2, 2, 1, 1, 0, 0], dtype=np.uint8))
            open(os.path.join(d, 'b', 'ids.txt'), 'w', encoding='utf-8').write('r0\\nr1\\nr2\\nr3\\nr4\\nr5\\n')
            np.save(os.path.join(d, 'c', 'X.npy'), x.astype('>f2'))
            np.save(os.path.join(d, 'c', 'labels.npy'), np.array([0, 0, 0, 1, 1, 1], dtype='>i2'))
            np.savez(os.path.join(d, 'stored.npz'), embeddings=x.astype(np.float32),
                     labels=np.array([0, 1, 2, 0, 1, 2]), ids=np.array(['s%d' % i for i in range(6)]),
                     class_names=np.array(['cat', 'dog', 'bird']), extra=np.zeros(2))
            np.savez_compressed(os.path.join(d, 'deflated.npz'), embeddings=x.astype('>f8'),
                                labels=np.array([1, 0, 1, 0, 1, 0], dtype=np.int8))
            for f in ['X.npy', 'labels.npy', 'ids.npy', 'class_names.txt']:
                print(hashlib.sha256(open(os.path.join(d, 'a', f), 'rb').read()).hexdigest() + '  ' + f)
            """;
    String hashes = python(script, dir.toString());

    EmbeddingSet a = EmbeddingSource.of(dir.resolve("a/X.npy")).read();
    assertEquals(dir.resolve("a/X.npy").toString(), a.source());
    assertEquals(List.of("a/é.png", "b", "c", "d", "e", "ff"), a.ids());
    assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, a.labels());
    assertEquals(List.of("cat", "dog", "bird"), a.classNames());
    assertTrue(a.attributes().isEmpty());
    assertValues(a);

    EmbeddingSet b = EmbeddingSource.of(dir.resolve("b/emb.npy")).read();
    assertEquals(List.of("r0", "r1", "r2", "r3", "r4", "r5"), b.ids());
    assertArrayEquals(new int[] {2, 2, 1, 1, 0, 0}, b.labels());
    assertEquals(List.of("0", "1", "2"), b.classNames(), "class names default to the labels");
    assertValues(b);

    EmbeddingSet c = EmbeddingSource.of(dir.resolve("c/X.npy")).read();
    assertEquals(List.of("0", "1", "2", "3", "4", "5"), c.ids(), "ids default to row numbers");
    assertEquals(List.of("0", "1"), c.classNames());
    assertValues(c);

    EmbeddingSet stored = EmbeddingSource.of(dir.resolve("stored.npz")).read();
    assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5"), stored.ids());
    assertEquals(List.of("cat", "dog", "bird"), stored.classNames());
    assertValues(stored);
    EmbeddingSet deflated = EmbeddingSource.of(dir.resolve("deflated.npz")).read();
    assertArrayEquals(new int[] {1, 0, 1, 0, 1, 0}, deflated.labels());
    assertValues(deflated);

    // The manifest's hash of a .npy set: sha256sum's lines of its files, hashed.
    assertEquals(
        Sha256.of(hashes.getBytes(StandardCharsets.UTF_8)),
        EmbeddingSource.of(dir.resolve("a/X.npy")).sha256());
    assertEquals(
        Sha256.of(dir.resolve("stored.npz")),
        EmbeddingSource.of(dir.resolve("stored.npz")).sha256());
  }

  private static void assertValues(EmbeddingSet set) {
    assertEquals(6, set.size());
    assertEquals(3, set.dimension());
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 3; j++) {
        assertEquals(x(i, j), set.vectors()[i][j], set.source() + " row " + i + " column " + j);
      }
    }
  }

  @Test
  void numpyReadsWhatItWrites() throws Exception {
    EmbeddingSet set = SyntheticEmbeddings.gaussianClusters(3, 5, 4, 2, 0.3, 9);
    set =
        new EmbeddingSet(
            "x",
            set.ids().stream().map(id -> id + "/é猫").toList(),
            set.labels(),
            List.of("a", "bé", "c d"),
            set.vectors(),
            set.attributes());
    Path npy = dir.resolve("set/X.npy");
    NumpyEmbeddings.writeNpy(npy, set);
    Path npz = dir.resolve("set.npz");
    NumpyEmbeddings.writeNpz(npz, set);
    for (Path p : List.of(npy, npz)) {
      EmbeddingSet back = EmbeddingSource.of(p).read();
      assertEquals(set.ids(), back.ids());
      assertArrayEquals(set.labels(), back.labels());
      assertEquals(set.classNames(), back.classNames());
      assertArrayEquals(set.vectors(), back.vectors());
    }
    try (var files = Files.list(npy.getParent())) {
      assertEquals(4, files.count(), "X.npy, labels.npy, ids.npy, class_names.txt; no temporary");
    }
    // NumPy reads the same values, bit for bit.
    String script =
        IMPORT
            + """
            d = os.path.dirname(sys.argv[1])
            z = np.load(sys.argv[2])
            x = np.load(sys.argv[1])
            assert x.dtype == np.float32 and x.shape == (15, 4), x.dtype
            assert (z['embeddings'] == x).all()
            assert (np.load(os.path.join(d, 'labels.npy')) == z['labels']).all()
            assert (np.load(os.path.join(d, 'ids.npy')) == z['ids']).all()
            print(' '.join(str(v) for v in x.view('<u4').ravel()))
            print('|'.join(z['ids']))
            print('|'.join(z['class_names']))
            print(' '.join(str(v) for v in z['labels']))
            """;
    List<String> lines = python(script, npy.toString(), npz.toString()).lines().toList();
    StringBuilder bits = new StringBuilder();
    for (float[] row : set.vectors()) {
      for (float v : row) {
        bits.append(bits.isEmpty() ? "" : " ")
            .append(Integer.toUnsignedString(Float.floatToRawIntBits(v)));
      }
    }
    assertEquals(bits.toString(), lines.get(0));
    assertEquals(String.join("|", set.ids()), lines.get(1));
    assertEquals("a|bé|c d", lines.get(2));
    assertEquals(
        String.join(
            " ", java.util.Arrays.stream(set.labels()).mapToObj(Integer::toString).toList()),
        lines.get(3));
  }

  @Test
  void refusesPickledObjectArraysThatNumpyWrites() throws Exception {
    String script =
        IMPORT
            + """
            d = sys.argv[1]
            np.save(os.path.join(d, 'X.npy'), np.array([[1.0, 2.0], None], dtype=object), allow_pickle=True)
            np.save(os.path.join(d, 'labels.npy'), np.array([0, 1]))
            np.savez(os.path.join(d, 'o.npz'), embeddings=np.ones((2, 2)), labels=np.array([0, 1]),
                     ids=np.array(['a', None], dtype=object))
            """;
    python(script, dir.toString());
    assertOneLine(
        dir.resolve("X.npy"), dir.resolve("X.npy") + ": holds Python objects (dtype object)");
    assertOneLine(
        dir.resolve("o.npz"), dir.resolve("o.npz") + ", array 'ids': holds Python objects");
  }

  @Test
  void summarizesWithoutReadingTheRows() throws IOException {
    Path x = write("s/X.npy", npy("<f4", "(3, 2)", floats(Float.NaN, 0, 1, 1, 0, 1)));
    write("s/labels.npy", npy("<i8", "(3,)", longs(1, 1, 0)));
    Files.writeString(dir.resolve("s/class_names.txt"), "cat\ndog\n");
    EmbeddingSummary s = EmbeddingSource.of(x).summarize();
    assertEquals(3, s.rows());
    assertEquals(2, s.dimension());
    assertEquals(List.of("cat", "dog"), s.classNames());
    assertArrayEquals(new long[] {1, 2}, s.countsPerClass());
    assertTrue(s.attributes().isEmpty());
    assertTrue(EmbeddingSource.of(x).attributes().isEmpty());
    assertOneLine(x, x + ": 1 embedding cannot be compared by cosine: 0 (NaN)");

    write("t/X.npy", npy("<f4", "(3, 2)", floats(1, 0, 1, 1, 0, 1)));
    write("t/labels.npy", npy("<i4", "(3,)", ints(0, 2, 0)));
    Files.writeString(dir.resolve("t/class_names.txt"), "cat\ndog\n");
    Path t = dir.resolve("t/X.npy");
    assertEquals(
        t + ": label 2 at row 1 is outside the 2 class names",
        assertThrows(DatasetException.class, () -> EmbeddingSource.of(t).summarize()).getMessage());
  }

  @Test
  void choosesTheFormatByName() {
    assertInstanceOf(NumpyEmbeddings.class, EmbeddingSource.of(Path.of("a/B.NPZ")));
    assertInstanceOf(NumpyEmbeddings.class, EmbeddingSource.of(Path.of("a/x.npy")));
    assertInstanceOf(Hdf5Embeddings.class, EmbeddingSource.of(Path.of("a/x.h5")));
    assertInstanceOf(Hdf5Embeddings.class, EmbeddingSource.of(Path.of("a/embeddings")));
    assertEquals(Path.of("a/x.npy"), EmbeddingSource.of(Path.of("a/x.npy")).file());
  }

  @Test
  void refusesBadNpyFilesWithOneLine() throws IOException {
    byte[] labels = npy("<i4", "(2,)", ints(0, 1));
    Path notNpy = set("notnpy", "hello, not numpy".getBytes(StandardCharsets.UTF_8), labels);
    assertOneLine(notNpy, notNpy + ": not a NumPy .npy array (no \\x93NUMPY magic)");

    byte[] full = npy("<f4", "(2, 2)", floats(1, 0, 0, 1));
    Path header = set("header", java.util.Arrays.copyOf(full, 20), labels);
    assertOneLine(header, header + ": truncated .npy header");

    Path data = set("data", java.util.Arrays.copyOf(full, full.length - 3), labels);
    assertOneLine(
        data,
        data + ": truncated: the data ends after 3 of the 4 values its header (2, 2) declares");

    Path ints = set("ints", npy("<i4", "(2, 2)", ints(1, 0, 0, 1)), labels);
    assertOneLine(
        ints, ints + ": embeddings must hold float16, float32 or float64, not dtype '<i4'");

    Path floatLabels = set("floatlabels", full, npy("<f8", "(2,)", doubles(0, 1)));
    assertOneLine(
        floatLabels,
        floatLabels.resolveSibling("labels.npy") + ": labels must hold integers, not dtype '<f8'");

    Path shortLabels = set("short", full, npy("<i4", "(1,)", ints(0)));
    assertOneLine(shortLabels, shortLabels + ": lengths disagree: 2 embeddings, 1 labels, 2 ids");

    Path object = set("object", npy("|O", "(2,)", new byte[0]), labels);
    assertOneLine(object, object + ": holds Python objects (dtype object)");

    Path structured =
        set(
            "structured",
            npy0(
                "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,), }", floats(1, 2)),
            labels);
    assertOneLine(structured, structured + ": holds a structured array");

    Path cube = set("cube", npy("<f4", "(2, 1, 2)", floats(1, 0, 0, 1)), labels);
    assertOneLine(cube, cube + ": embeddings must be 2-D [N, D], it has shape (2, 1, 2)");

    Path wideLabels = set("widelabels", full, npy("<i4", "(2, 1)", ints(0, 1)));
    assertOneLine(
        wideLabels,
        wideLabels.resolveSibling("labels.npy") + ": labels must be 1-D [N], it has shape (2, 1)");

    Path nan = set("nan", npy("<f4", "(2, 2)", floats(1, 0, Float.NaN, 1)), labels);
    assertOneLine(nan, nan + ": 1 embedding cannot be compared by cosine: 1 (NaN)");

    Path big = set("big", full, npy("<u8", "(2,)", longs(0, -1)));
    assertOneLine(
        big,
        big.resolveSibling("labels.npy")
            + ": labels value 18446744073709551615 at row 1 is too big");

    Path huge = set("huge", full, npy("<i4", "(2,)", ints(0, 1 << 30)));
    assertOneLine(huge, huge + ": label 1073741824 at row 1 is too large to number the classes");

    Path noLabels = write("nolabels/X.npy", full);
    assertOneLine(
        noLabels, noLabels + ": no labels.npy beside it (a .npy set needs its labels there)");
    Path sibling = dir.resolve("nolabels/labels.npy");
    Files.write(sibling, labels);
    assertOneLine(sibling, sibling + ": is a sibling file of a NumPy set");

    Path both = set("both", full, labels);
    Files.write(both.resolveSibling("ids.npy"), npy("<U1", "(2,)", utf32("a", "b")));
    assertEquals(List.of("a", "b"), EmbeddingSource.of(both).read().ids());
    Files.writeString(both.resolveSibling("ids.txt"), "a\nb\n");
    assertOneLine(both, both + ": both ids.npy and ids.txt are beside it; keep one");

    Path dup = set("dup", full, labels);
    Files.writeString(dup.resolveSibling("ids.txt"), "a\na\n");
    assertOneLine(dup, dup + ": duplicate id 'a' (rows 0 and 1)");
    Files.writeString(dup.resolveSibling("ids.txt"), "a\n");
    assertOneLine(dup, dup + ": lengths disagree: 2 embeddings, 2 labels, 1 ids");
    Files.delete(dup.resolveSibling("ids.txt"));
    Files.write(dup.resolveSibling("ids.npy"), npy("|S1", "(2,)", "ab".getBytes()));
    assertOneLine(
        dup,
        dup.resolveSibling("ids.npy")
            + ": ids must hold unicode strings (dtype <U…; convert with .astype(str)), not dtype"
            + " '|S1'");

    Path missing = dir.resolve("missing/X.npy");
    assertOneLine(missing, missing + ": no such file");
  }

  @Test
  void refusesBadNpzFilesWithOneLine() throws IOException {
    Path noLabels = zip("nolabels.npz", "embeddings.npy", npy("<f4", "(1, 2)", floats(1, 0)));
    assertOneLine(
        noLabels,
        noLabels
            + ": no array 'labels' (a .npz set holds embeddings and labels, optionally ids and"
            + " class_names; this one holds embeddings.npy)");
    Path text = write("text.npz", "not a zip".getBytes(StandardCharsets.UTF_8));
    assertOneLine(text, text + ": not a NumPy .npz archive");
    Path nan =
        zip(
            "nan.npz",
            "embeddings.npy",
            npy("<f4", "(1, 2)", floats(Float.POSITIVE_INFINITY, 0)),
            "labels.npy",
            npy("<i4", "(1,)", ints(0)));
    assertOneLine(nan, nan + ": 1 embedding cannot be compared by cosine: 0 (Inf)");
    byte[] full = npy("<f4", "(1, 2)", floats(1, 0));
    Path truncated =
        zip(
            "truncated.npz",
            "embeddings.npy",
            java.util.Arrays.copyOf(full, full.length - 3),
            "labels.npy",
            npy("<i4", "(1,)", ints(0)));
    assertOneLine(truncated, truncated + ", array 'embeddings': truncated: the data ends after");
  }

  /** Asserts that reading {@code file} fails with one line that starts with {@code expected}. */
  private static void assertOneLine(Path file, String expected) {
    String m =
        assertThrows(DatasetException.class, () -> EmbeddingSource.of(file).read()).getMessage();
    assertTrue(m.startsWith(expected), m);
    assertFalse(m.contains("\n"), m);
  }

  @Test
  void refusesAHeaderThatDeclaresMoreThanTheHeapHoldsAndSaysWhichXmxWould() throws IOException {
    // 3 MB of data under a header that declares 50,000,000 x 512 floats (about 99 GiB)
    Path file =
        set("huge", npy("<f4", "(50000000, 512)", new byte[3 << 20]), npy("<i4", "(1,)", ints(0)));
    DatasetException e =
        assertThrows(DatasetException.class, () -> NumpyEmbeddings.npy(file).read());
    assertTrue(
        e.getMessage()
            .matches(
                java.util.regex.Pattern.quote(file.toString())
                    + ": declares 50,000,000 x 512 embeddings, which need about 99\\.7 GiB of"
                    + " memory, more than the [0-9.]+ GiB Java may use here; rerun with"
                    + " WINNOW_JAVA_OPTS=-Xmx125g on a machine with that much memory \\(or check"
                    + " that the file is not damaged\\)"),
        e.getMessage());
  }

  @Test
  void refusesZeroRowsAndNegativeShapesInOneLine() throws IOException {
    Path zero = set("zero", npy("<f4", "(0, 4)", new byte[0]), npy("<i4", "(0,)", new byte[0]));
    assertEquals(
        zero + ": holds no embeddings (0 rows); embed a dataset with at least one sample",
        assertThrows(DatasetException.class, () -> NumpyEmbeddings.npy(zero).read()).getMessage());
    Path negative = set("neg", npy("<f4", "(-3, 4)", new byte[0]), npy("<i4", "(0,)", new byte[0]));
    assertEquals(
        negative + ": .npy shape (-3, 4) is negative",
        assertThrows(DatasetException.class, () -> NumpyEmbeddings.npy(negative).read())
            .getMessage());
  }

  private Path set(String folder, byte[] embeddings, byte[] labels) throws IOException {
    write(folder + "/labels.npy", labels);
    return write(folder + "/X.npy", embeddings);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, bytes);
  }

  private Path zip(String name, Object... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (int i = 0; i < entries.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) entries[i]));
        z.write((byte[]) entries[i + 1]);
      }
    }
    return write(name, bytes.toByteArray());
  }

  /** A version 1.0 .npy file with this header dict, unpadded, and these data bytes. */
  static byte[] npy0(String dict, byte[] data) {
    byte[] header = (dict + "\n").getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + header.length + data.length);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length);
    return b.put(header).put(data).array();
  }

  static byte[] npy(String descr, String shape, byte[] data) {
    return npy0(
        "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", data);
  }

  static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  static byte[] doubles(double... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    return b.array();
  }

  static byte[] ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(v);
    return b.array();
  }

  static byte[] longs(long... v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asLongBuffer().put(v);
    return b.array();
  }

  static byte[] utf32(String... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (String s : v) {
      b.putInt(s.codePointAt(0));
    }
    return b.array();
  }
}
