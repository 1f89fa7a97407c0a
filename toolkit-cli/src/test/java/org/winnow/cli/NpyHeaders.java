package org.winnow.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Hand-made .npy files whose header may declare more than the data holds. */
final class NpyHeaders {

  private NpyHeaders() {}

  /** A version 1.0 .npy array with this dtype and shape, followed by {@code dataBytes} zeros. */
  static byte[] npy(String descr, String shape, int dataBytes) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
    byte[] header = dict.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + header.length + dataBytes);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length);
    return b.put(header).array();
  }
}
