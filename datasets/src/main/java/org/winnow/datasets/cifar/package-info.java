/**
 * Reads the binary versions of CIFAR-10 and CIFAR-100 (Krizhevsky, <i>Learning Multiple Layers of
 * Features from Tiny Images</i>, 2009): fixed-size records of a label byte (two for CIFAR-100:
 * coarse, then fine) followed by 3072 bytes of 32x32 R, G and B planes. The front door is {@link
 * org.winnow.datasets.cifar.CifarDataset#open}.
 */
package org.winnow.datasets.cifar;
