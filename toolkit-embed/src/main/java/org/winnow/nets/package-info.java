/**
 * The networks Winnow trains and embeds with, and the checkpoint format that carries them from
 * {@code winnow train} to {@code winnow embed} and to JEST's reference model.
 *
 * <p>The front doors are {@link org.winnow.nets.NetworkModel#create}, a seeded, initialised model
 * for a {@link org.winnow.nets.NetworkSpec}, and {@link org.winnow.nets.Checkpoints}, which saves
 * and loads trained ones. Every {@link org.winnow.nets.Network} is a trunk ending in the
 * penultimate embedding followed by a linear head, sharing the same parameters, so embeddings and
 * logits come from one model. {@link org.winnow.nets.NoGrad} switches autograd off around the
 * passes that only read a network (inference, evaluation, JEST's scoring).
 */
package org.winnow.nets;
