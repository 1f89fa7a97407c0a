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
 * <p>On a cluster, the images, the model and the output folder are read and written with plain file
 * I/O, so they must be on a file system every executor mounts at the same path (NFS, Lustre, a FUSE
 * mount of object storage); an executor whose model file hashes differently from the driver's
 * refuses to run. Every JVM that opens a model keeps DJL offline with tracking off first ({@link
 * org.winnow.nets.OfflineDjl}, called by {@link org.winnow.embed.LoadedModel#open}), so executors
 * need no extra settings for that. The driver holds the whole index (about 200 bytes a row).
 *
 * <p>The embedding is the penultimate layer of Birodkar, Mobahi and Bengio, <i>Semantic
 * Redundancies in Image-Classification Datasets: The 10% You Don't Need</i> (2019), §3.1.
 */
package org.winnow.spark.embed;
