/**
 * Running a model over an image dataset, with DJL on the PyTorch engine: penultimate-layer
 * embeddings written to HDF5, and the class logits of the same forward pass.
 *
 * <p>The front doors are {@link org.winnow.embed.Embedder#embed} ({@code winnow embed}: a split's
 * embeddings, written in resumable shards and assembled into one file by {@link
 * org.winnow.datasets.embeddings.Hdf5EmbeddingsWriter}, which owns the layout) and {@link
 * org.winnow.embed.Inference} (one pass giving each sample's embedding and, for Winnow's networks,
 * its logits, probabilities or log-probabilities; JEST's reference losses are computed with it). A
 * model is named as {@code --model} names it: an architecture (seeded random initialisation), a
 * checkpoint of {@code org.winnow.nets}, a TorchScript file or a DJL model-zoo URL; {@link
 * org.winnow.embed.Preprocessing} turns decoded images into its input, and {@link
 * org.winnow.embed.DeviceChoice} picks the CPU or a GPU.
 *
 * <p>The embedding of a sample is the output of global average pooling, the input of the final
 * classifier, as used by Birodkar, Mobahi and Bengio, <i>Semantic Redundancies in
 * Image-Classification Datasets: The 10% You Don't Need</i>, 2019, section 3.1. The module reads
 * datasets through {@code org.winnow.datasets} and writes the layout of {@code
 * org.winnow.datasets.embeddings}, through which {@code toolkit-prune} reads the file; it depends
 * on neither pruning nor training.
 */
package org.winnow.embed;
