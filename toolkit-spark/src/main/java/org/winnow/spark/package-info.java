/**
 * Winnow's stages on Apache Spark: embedding image manifests and pruning embeddings past one
 * machine, with keep-lists byte-identical to {@code winnow prune}'s.
 */
package org.winnow.spark;
