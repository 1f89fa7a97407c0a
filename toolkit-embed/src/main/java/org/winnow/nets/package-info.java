/**
 * The networks Winnow trains and embeds with, and the checkpoint format that carries them from
 * {@code winnow train} to {@code winnow embed}.
 *
 * <p>The front doors are {@link org.winnow.nets.NetworkModel#create}, a seeded, initialised model
 * for a {@link org.winnow.nets.NetworkSpec}, and {@link org.winnow.nets.Checkpoints}, which saves
 * and loads trained ones. Every {@link org.winnow.nets.Network} is a trunk ending in the
 * penultimate embedding followed by a linear head, sharing the same parameters, so embeddings and
 * logits come from one model.
 */
package org.winnow.nets;
