/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST (LeCun et al.): a 4-byte magic
 * number (two zero bytes, the element type, the number of dimensions), one big-endian 32-bit size
 * per dimension, then the data. Files may be gzipped. The front door is {@link
 * org.winnow.datasets.idx.IdxDataset#open}.
 */
package org.winnow.datasets.idx;
