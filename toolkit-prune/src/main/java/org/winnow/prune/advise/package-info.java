/**
 * {@code winnow advise}: how much of a training set can go, estimated from linear-probe curves on
 * frozen embeddings. The front door is {@link org.winnow.prune.advise.Advice#run}; {@link
 * org.winnow.prune.advise.ProbeTrials} trains the probes and {@link
 * org.winnow.prune.advise.Recommendation} applies the tolerance rule.
 */
package org.winnow.prune.advise;
