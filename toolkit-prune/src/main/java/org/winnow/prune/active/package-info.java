/**
 * Pool-based active learning over embeddings: which unlabelled samples to label next.
 *
 * <p>Each round trains a classifier on the labelled samples ({@link
 * org.winnow.prune.active.LinearHead}, a softmax head on the embeddings, or any {@link
 * org.winnow.prune.active.ProbabilityModel}), scores candidates by a {@link
 * org.winnow.prune.active.Strategy} ({@link org.winnow.prune.active.Scores}: MaxEnt, margin,
 * information density after Settles and Craven, <i>An Analysis of Active Learning Strategies for
 * Sequence Labeling Tasks</i>, 2008, its density term in linear time through {@link
 * org.winnow.prune.active.PoolDensity}) and takes the best ({@link
 * org.winnow.prune.active.Acquisition}). The candidates are the whole unlabelled pool or the SEALS
 * candidate pool ({@link org.winnow.prune.active.SealsPool}; Coleman et al., <i>Similarity Search
 * for Efficient Active Learning and Search of Rare Concepts</i>, AAAI 2022), grown through a {@link
 * org.winnow.prune.active.NeighbourIndex}: exact, or {@link org.winnow.prune.active.HyperplaneLsh}
 * for large pools.
 *
 * <p>The front doors: {@link org.winnow.prune.active.ActiveNext#run} ({@code winnow active next}),
 * one batch to label for a real pool, and {@link org.winnow.prune.active.Simulation#run} ({@code
 * winnow active simulate}), rounds on a labelled dataset whose labels act as the oracle, with its
 * table ({@link org.winnow.prune.active.RoundRow}) and plot ({@link
 * org.winnow.prune.active.ActivePlot}).
 */
package org.winnow.prune.active;
