/**
 * Embeddings, the one home of their formats: what {@code winnow embed} writes and every later stage
 * reads.
 *
 * <p>The front door for reading is {@link org.winnow.datasets.embeddings.EmbeddingSource#of}, which
 * picks the format by file name: the HDF5 layout ({@link
 * org.winnow.datasets.embeddings.Hdf5Embeddings}) or NumPy {@code .npy}/{@code .npz} ({@link
 * org.winnow.datasets.embeddings.NumpyEmbeddings}). Every format ends in a validated {@link
 * org.winnow.datasets.embeddings.EmbeddingSet}, or, without the rows, an {@link
 * org.winnow.datasets.embeddings.EmbeddingSummary}. The HDF5 layout is written only by {@link
 * org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter}, in bounded memory when its rows come from
 * earlier files; {@link org.winnow.datasets.embeddings.EmbeddingsHeader} names the attributes
 * Winnow writes. {@link org.winnow.datasets.embeddings.SyntheticEmbeddings} makes seeded sets for
 * tests and benchmarks.
 */
package org.winnow.datasets.embeddings;
