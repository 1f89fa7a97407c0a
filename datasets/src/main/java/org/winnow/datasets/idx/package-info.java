/**
 * Reads and writes IDX files, the format of MNIST (LeCun, Bottou, Bengio and Haffner,
 * <i>Gradient-Based Learning Applied to Document Recognition</i>, 1998) and Fashion-MNIST (Xiao,
 * Rasul and Vollgraf, <i>Fashion-MNIST: a Novel Image Dataset for Benchmarking Machine Learning
 * Algorithms</i>, 2017): a 4-byte magic number (two zero bytes, the element type, the number of
 * dimensions), one big-endian 32-bit size per dimension, then the data. Files may be gzipped. The
 * front door is {@link org.winnow.datasets.idx.IdxDataset#open}.
 */
package org.winnow.datasets.idx;
