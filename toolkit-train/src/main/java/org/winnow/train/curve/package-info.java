/**
 * Redundancy curves (Birodkar, Mobahi and Bengio 2019, "Semantic Redundancies in
 * Image-Classification Datasets: The 10% You Don't Need", §4 and Figure 2): test accuracy of
 * networks trained from scratch on subsets of decreasing size, chosen by semantic clustering or at
 * random, over several trials; and, at the full size, the per-batch training selectors of the SALN
 * comparison (standard, SALN, random-batch, JEST), accuracy against wall time.
 *
 * <p>A curve's methods are names ({@link org.winnow.train.curve.CurveMethods}): any offline method
 * registered with toolkit-prune chooses subsets, and training's per-batch selectors train on the
 * full set; a name that is both ({@code saln}) is the per-batch selector.
 *
 * <p>The front door is {@link org.winnow.train.curve.RedundancyCurve#run}; training itself is
 * behind {@link org.winnow.train.curve.CurveTrainer}, so the curve's bookkeeping (subsets, seeds,
 * resume, tables) is tested without a network.
 */
package org.winnow.train.curve;
