/**
 * Trains Winnow's networks with DJL on full datasets or on keep-lists, with per-batch sample
 * selectors (standard, random-batch, SALN, JEST), into run folders that embedding and JEST read.
 *
 * <p>The front door is {@link org.winnow.train.Training#run}, which takes {@link
 * org.winnow.train.TrainOptions} and returns a {@link org.winnow.train.TrainResult}.
 */
package org.winnow.train;
