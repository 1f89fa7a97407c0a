/**
 * Reads image-classification datasets into one common shape: an ordered index of {@link
 * org.winnow.datasets.Sample}s with stable ids, and a way to decode each sample into a tensor-ready
 * {@link org.winnow.datasets.Image}.
 *
 * <p>The front door is {@link org.winnow.datasets.Datasets#open}, which detects the format of a
 * path (CIFAR-10/100 binary, IDX, or an ImageNet-style class folder) and returns an {@link
 * org.winnow.datasets.ImageDataset}. {@link org.winnow.datasets.DatasetInspector} summarises one
 * and {@link org.winnow.datasets.IndexHash} fingerprints its index, so that later stages refuse
 * inputs computed from another one. Nothing here ever writes into the dataset's folder.
 *
 * <p>Beside the readers, the small pieces every module shares: {@link
 * org.winnow.datasets.Prefetcher} (decoding ahead of a model on worker threads), {@link
 * org.winnow.datasets.AtomicFiles} (outputs renamed into place, never seen half-written), {@link
 * org.winnow.datasets.Progress} (what long stages report) and {@link org.winnow.datasets.ForkedJvm}
 * (for the tests that kill a process and resume).
 */
package org.winnow.datasets;
