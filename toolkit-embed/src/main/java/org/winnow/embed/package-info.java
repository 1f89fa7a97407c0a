/**
 * Penultimate-layer embeddings of an image dataset, computed with DJL on the PyTorch engine and
 * written to HDF5: shard by shard ({@code ShardFolder}), then assembled into the final file, both
 * through {@link org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter}, which owns the layout.
 *
 * <p>The embedding of a sample is the output of global average pooling, the input of the final
 * classifier, as used by Birodkar et al., "Semantic Redundancies in Image-Classification Datasets:
 * The 10% You Don't Need" (2019), section 3.1. This module reads datasets through {@code
 * org.winnow.datasets} and is read by {@code toolkit-prune} through the HDF5 file alone.
 */
package org.winnow.embed;
