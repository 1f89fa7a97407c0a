/**
 * {@code WinnowSpark prune}: Winnow's selection methods on Apache Spark, for embeddings past one
 * machine. The front door is {@link org.winnow.spark.prune.SparkPrune}. Per-class methods run as a
 * grouped map, one class per task, calling the same selector as {@code winnow prune} on that class
 * alone ({@link org.winnow.spark.prune.ClassJob}); SemDeDup over all samples fits k-means on the
 * driver and scans each cluster in a task ({@link org.winnow.spark.prune.SemDeDupJob}). The
 * keep-lists are byte-identical to {@code winnow prune}'s on the same embeddings.
 */
package org.winnow.spark.prune;
