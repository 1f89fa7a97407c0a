/**
 * Reads image-classification datasets into one common shape: an ordered index of {@link
 * org.winnow.datasets.Sample}s with stable ids, and a way to decode each sample into a tensor-ready
 * {@link org.winnow.datasets.Image}.
 *
 * <p>The front door is {@link org.winnow.datasets.Datasets#open}, which detects the format of a
 * path (CIFAR-10/100 binary, IDX, or an ImageNet-style class folder) and returns an {@link
 * org.winnow.datasets.ImageDataset}. {@link org.winnow.datasets.DatasetInspector} summarises one.
 * Nothing here ever writes into the dataset's folder.
 */
package org.winnow.datasets;
