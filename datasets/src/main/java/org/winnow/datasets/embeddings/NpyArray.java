package org.winnow.datasets.embeddings;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.winnow.datasets.DatasetException;

/**
 * One array in NumPy's {@code .npy} format, read from a stream: the header first ({@link #open}),
 * then the values, once, as Winnow needs them. It follows NumPy's format description (NEP 1, "A
 * simple file format for NumPy arrays", Kern, 2007): the magic {@code \x93NUMPY}, a version, the
 * header length, and a Python dict literal with {@code descr}, {@code fortran_order} and {@code
 * shape}. Both byte orders and both memory orders are read; object arrays (pickles) and structured
 * dtypes are refused. The writers produce what {@code np.save} does for the same arrays.
 */
final class NpyArray {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*('([^']*)'|\\[)");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
  private static final Pattern TYPE = Pattern.compile("([<>|=])([a-zA-Z])(\\d*)");
  private static final int CHUNK = 1 << 20;

  /** Names the array in messages: {@code /x/labels.npy} or {@code /x/e.npz, array 'labels'}. */
  private final String where;

  private final InputStream in;
  private final String descr;
  private final ByteOrder order;
  private final char kind;
  private final int itemSize;
  private final boolean fortran;
  private final long[] shape;
  private final ByteBuffer buffer;
  private long valuesRead;

  private NpyArray(
      String where,
      InputStream in,
      String descr,
      ByteOrder order,
      char kind,
      int itemSize,
      boolean fortran,
      long[] shape) {
    this.where = where;
    this.in = in;
    this.descr = descr;
    this.order = order;
    this.kind = kind;
    this.itemSize = itemSize;
    this.fortran = fortran;
    this.shape = shape;
    this.buffer = ByteBuffer.allocate(CHUNK).order(order).limit(0);
  }

  /**
   * Reads the header of the array at the start of {@code in}; the values follow on demand.
   *
   * @throws DatasetException naming {@code where} when it is not a .npy array Winnow can read
   */
  static NpyArray open(InputStream in, String where) throws IOException {
    byte[] head = in.readNBytes(MAGIC.length + 2);
    if (head.length < MAGIC.length
        || !Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new DatasetException(where + ": not a NumPy .npy array (no \\x93NUMPY magic)");
    }
    if (head.length < MAGIC.length + 2) {
      throw truncatedHeader(where);
    }
    int major = head[MAGIC.length];
    int lengthBytes =
        switch (major) {
          case 1 -> 2;
          case 2, 3 -> 4;
          default ->
              throw new DatasetException(
                  where + ": .npy format version " + major + " is not one Winnow reads (1 to 3)");
        };
    byte[] len = in.readNBytes(lengthBytes);
    if (len.length < lengthBytes) {
      throw truncatedHeader(where);
    }
    long headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffffL;
    if (lengthBytes == 4) {
      headerLength = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
    }
    if (headerLength > 1 << 20) {
      throw new DatasetException(where + ": .npy header of " + headerLength + " bytes is not sane");
    }
    byte[] text = in.readNBytes((int) headerLength);
    if (text.length < headerLength) {
      throw truncatedHeader(where);
    }
    String header =
        new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    return parse(in, where, header);
  }

  private static NpyArray parse(InputStream in, String where, String header) {
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new DatasetException(
          where + ": .npy header lacks descr, fortran_order or shape: " + printable(header));
    }
    if (d.group(2) == null) {
      throw new DatasetException(
          where + ": holds a structured array (record dtype); save a plain numeric array");
    }
    String descr = d.group(2);
    Matcher t = TYPE.matcher(descr);
    if (!t.matches()) {
      throw new DatasetException(where + ": dtype '" + descr + "' is not one Winnow reads");
    }
    char kind = t.group(2).charAt(0);
    if (kind == 'O') {
      throw new DatasetException(
          where
              + ": holds Python objects (dtype object), which would need unpickling; save a"
              + " numeric or string array (np.save refuses objects with allow_pickle=False)");
    }
    int size = t.group(3).isEmpty() ? 0 : Integer.parseInt(t.group(3));
    if (kind == 'U') {
      size *= 4; // the number is characters; each is a UTF-32 code unit
    }
    ByteOrder order = t.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    if (t.group(1).equals("=")) {
      order = ByteOrder.nativeOrder();
    }
    List<Long> dims = new ArrayList<>();
    for (String part : s.group(1).split(",")) {
      if (!part.isBlank()) {
        try {
          dims.add(Long.parseLong(part.strip().replace("L", "")));
        } catch (NumberFormatException e) {
          throw new DatasetException(where + ": .npy shape (" + s.group(1) + ") is not numbers");
        }
      }
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    if (Arrays.stream(shape).anyMatch(x -> x < 0)) {
      throw new DatasetException(where + ": .npy shape (" + s.group(1) + ") is negative");
    }
    return new NpyArray(where, in, descr, order, kind, size, f.group(1).equals("True"), shape);
  }

  /** The header as one short line of printable text, whatever bytes a damaged file holds. */
  private static String printable(String header) {
    String s = header.strip().replaceAll("[^\\x20-\\x7e]", "?");
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** The shape, as Python prints a tuple: {@code (3, 4)}, {@code (3,)}. */
  String shapeText() {
    return shape.length == 1
        ? "(" + shape[0] + ",)"
        : Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  /** Rows N of a 2-D array of floats; checks the header only. */
  long rows(String role) {
    requireFloatMatrix(role);
    return shape[0];
  }

  /** Columns D of a 2-D array of floats; checks the header only. */
  long columns(String role) {
    requireFloatMatrix(role);
    return shape[1];
  }

  /** Elements of a 1-D array. */
  long length(String role) {
    requireOneD(role);
    return shape[0];
  }

  /**
   * The rows of a 2-D float16, float32 or float64 array, in either memory order.
   *
   * @param role what the array is, for messages ({@code embeddings})
   */
  float[][] floatRows(String role) throws IOException {
    requireFloatMatrix(role);
    int n = (int) shape[0];
    int dim = (int) shape[1];
    float[][] rows = new float[n][dim];
    if (fortran) {
      for (int j = 0; j < dim; j++) {
        for (int i = 0; i < n; i++) {
          rows[i][j] = nextFloat();
        }
      }
    } else {
      for (float[] row : rows) {
        for (int j = 0; j < dim; j++) {
          row[j] = nextFloat();
        }
      }
    }
    return rows;
  }

  /**
   * The values of a 1-D array of any integer type.
   *
   * @throws DatasetException when a value does not fit an {@code int}
   */
  int[] ints(String role) throws IOException {
    requireOneD(role);
    if ((kind != 'i' && kind != 'u') || Integer.bitCount(itemSize) != 1 || itemSize > 8) {
      throw wrongType(role, "integers");
    }
    HeapCheck.requireBytes(where, String.format("%,d %s", shape[0], role), 4.0 * shape[0]);
    int[] out = new int[(int) shape[0]];
    for (int i = 0; i < out.length; i++) {
      ensure(itemSize);
      long v =
          switch (itemSize) {
            case 1 -> kind == 'u' ? buffer.get() & 0xffL : buffer.get();
            case 2 -> kind == 'u' ? buffer.getShort() & 0xffffL : buffer.getShort();
            case 4 -> kind == 'u' ? buffer.getInt() & 0xffffffffL : buffer.getInt();
            default -> buffer.getLong();
          };
      if (v != (int) v || (itemSize == 8 && kind == 'u' && v < 0)) {
        throw new DatasetException(
            where
                + ": "
                + role
                + " value "
                + Long.toUnsignedString(v)
                + " at row "
                + i
                + " is too big");
      }
      out[i] = (int) v;
      valuesRead++;
    }
    return out;
  }

  /** The values of a 1-D unicode ({@code <U}) array, trailing NULs removed as NumPy does. */
  List<String> strings(String role) throws IOException {
    requireOneD(role);
    if (kind != 'U') {
      throw wrongType(role, "unicode strings (dtype <U…; convert with .astype(str))");
    }
    int chars = itemSize / 4;
    HeapCheck.requireBytes(
        where, String.format("%,d %s", shape[0], role), (double) shape[0] * (itemSize + 48));
    List<String> out = new ArrayList<>((int) shape[0]);
    int[] codePoints = new int[chars];
    for (long i = 0; i < shape[0]; i++) {
      int length = 0;
      for (int c = 0; c < chars; c++) {
        ensure(4);
        codePoints[c] = buffer.getInt();
        if (codePoints[c] != 0) {
          length = c + 1;
        }
      }
      try {
        out.add(new String(codePoints, 0, length));
      } catch (IllegalArgumentException e) {
        throw new DatasetException(where + ": " + role + " at row " + i + " is not valid unicode");
      }
      valuesRead++;
    }
    return out;
  }

  private float nextFloat() throws IOException {
    ensure(itemSize);
    valuesRead++;
    return switch (itemSize) {
      case 2 -> Float.float16ToFloat(buffer.getShort());
      case 4 -> buffer.getFloat();
      default -> (float) buffer.getDouble();
    };
  }

  private void requireFloatMatrix(String role) {
    if (shape.length != 2) {
      throw new DatasetException(
          where + ": " + role + " must be 2-D [N, D], it has shape " + shapeText());
    }
    if (kind != 'f' || (itemSize != 2 && itemSize != 4 && itemSize != 8)) {
      throw wrongType(role, "float16, float32 or float64");
    }
    if (shape[0] > Integer.MAX_VALUE - 8 || shape[1] > Integer.MAX_VALUE - 8) {
      throw new DatasetException(where + ": shape " + shapeText() + " is too large");
    }
  }

  private void requireOneD(String role) {
    if (shape.length != 1) {
      throw new DatasetException(
          where + ": " + role + " must be 1-D [N], it has shape " + shapeText());
    }
    if (shape[0] > Integer.MAX_VALUE - 8) {
      throw new DatasetException(where + ": shape " + shapeText() + " is too large");
    }
  }

  private DatasetException wrongType(String role, String expected) {
    return new DatasetException(
        where + ": " + role + " must hold " + expected + ", not dtype '" + descr + "'");
  }

  /** Makes {@code bytes} bytes readable from the buffer, refilling it from the stream. */
  private void ensure(int bytes) throws IOException {
    if (buffer.remaining() >= bytes) {
      return;
    }
    buffer.compact();
    while (buffer.position() < bytes) {
      int n = in.read(buffer.array(), buffer.position(), buffer.remaining());
      if (n < 0) {
        throw new DatasetException(
            String.format(
                "%s: truncated: the data ends after %,d of the %,d values its header %s declares",
                where,
                valuesRead,
                Arrays.stream(shape).reduce(1, Math::multiplyExact),
                shapeText()),
            new EOFException());
      }
      buffer.position(buffer.position() + n);
    }
    buffer.flip();
  }

  /** Writes a 2-D little-endian float32 array, C order. */
  static void writeFloats(OutputStream out, float[][] rows) throws IOException {
    int dim = rows.length == 0 ? 0 : rows[0].length;
    writeHeader(out, "<f4", rows.length + ", " + dim);
    ByteBuffer b = ByteBuffer.allocate(dim * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] row : rows) {
      b.clear();
      b.asFloatBuffer().put(row);
      out.write(b.array(), 0, dim * Float.BYTES);
    }
  }

  /** Writes a 1-D little-endian int32 array. */
  static void writeInts(OutputStream out, int[] values) throws IOException {
    writeHeader(out, "<i4", values.length + ",");
    ByteBuffer b =
        ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    out.write(b.array());
  }

  /** Writes a 1-D unicode array, as wide as its longest value (at least one character). */
  static void writeStrings(OutputStream out, List<String> values) throws IOException {
    int chars =
        Math.max(1, values.stream().mapToInt(v -> v.codePointCount(0, v.length())).max().orElse(1));
    writeHeader(out, "<U" + chars, values.size() + ",");
    ByteBuffer b = ByteBuffer.allocate(chars * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (String v : values) {
      b.clear();
      v.codePoints().forEach(b::putInt);
      while (b.hasRemaining()) {
        b.putInt(0);
      }
      out.write(b.array());
    }
  }

  /** Version 1.0 header, padded with spaces so that the data starts at a multiple of 64 bytes. */
  private static void writeHeader(OutputStream out, String descr, String shape) throws IOException {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    out.write(MAGIC);
    out.write(new byte[] {1, 0});
    out.write(
        ByteBuffer.allocate(2)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short) header.length())
            .array());
    out.write(header.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static DatasetException truncatedHeader(String where) {
    return new DatasetException(where + ": truncated .npy header");
  }
}
