/**
 * Embeddings as data, without any model: {@link org.winnow.datasets.embeddings.EmbeddingSet} (one
 * row per sample, with its id, label, class names and the attributes that tie it to a dataset index
 * and a model), and {@link org.winnow.datasets.embeddings.EmbeddingsFile}, the HDF5 layout's
 * dataset and attribute names and its reader, which {@code winnow prune}, {@code winnow curve},
 * SALN training and the report use. It also writes a whole set held in memory; {@code winnow embed}
 * streams the same layout shard by shard through toolkit-embed's {@code EmbeddingsWriter}. The
 * package lives in the lowest module so that embedding and pruning share the layout without
 * depending on each other. {@link org.winnow.datasets.embeddings.SyntheticEmbeddings} makes seeded
 * Gaussian clusters for tests and benchmarks.
 */
package org.winnow.datasets.embeddings;
