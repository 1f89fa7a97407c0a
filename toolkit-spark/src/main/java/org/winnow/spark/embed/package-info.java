/**
 * {@code winnow embed} on Apache Spark: the penultimate-layer embeddings of an image manifest (CSV
 * or Parquet of {@code path,label[,class_name][,id]}) or of an ImageNet-style folder, written as
 * Parquet parts that a rerun after a kill does not compute again.
 *
 * <p>The front door is {@link org.winnow.spark.embed.SparkEmbed#run}. The driver builds the index
 * ({@link org.winnow.spark.embed.ImageIndex}: rows sorted by id, the order and ids {@code winnow
 * embed} gives a folder) and cuts it into parts of whole batches; each part is one task, which
 * decodes its images with Winnow's readers ({@link org.winnow.datasets.folder.FileListDataset}),
 * embeds them with the one model its executor JVM holds ({@link
 * org.winnow.spark.embed.ModelHolder}, through {@link org.winnow.embed.LoadedModel}: the
 * preprocessing and pass of {@code winnow embed}) and writes {@code part-NNNNN.parquet} under a
 * hidden name, then renames it ({@link org.winnow.spark.embed.EmbeddingParts}). A {@code
 * manifest.json} is written once every part is there.
 *
 * <p>The embedding is the penultimate layer of Birodkar, Mobahi and Bengio, <i>Semantic
 * Redundancies in Image-Classification Datasets: The 10% You Don't Need</i> (2019), §3.1.
 */
package org.winnow.spark.embed;
