/**
 * Active learning with a network: {@link org.winnow.train.active.NetworkProbabilities} gives the
 * uncertainty scores of {@code winnow active next --model RUN_DIR} the class probabilities of a
 * {@code winnow train} network, through the public inference pass ({@link
 * org.winnow.embed.Inference}). The rest of active learning, DJL-free, is {@link
 * org.winnow.prune.active}.
 */
package org.winnow.train.active;
