/**
 * Trains Winnow's networks with DJL on full datasets or on keep-lists, with per-batch sample
 * selectors, into run folders that embedding and JEST read.
 *
 * <p>The front door is {@link org.winnow.train.Training#run}, which takes {@link
 * org.winnow.train.TrainOptions} (its parts: {@link org.winnow.train.TrainData}, {@link
 * org.winnow.train.Recipe} with its {@link org.winnow.train.Sgd}, {@link
 * org.winnow.train.SelectorSpec} and {@link org.winnow.train.RunSettings}) and returns a {@link
 * org.winnow.train.TrainResult}.
 *
 * <p>Per-batch selectors implement {@link org.winnow.train.BatchSelector}, each with its own {@link
 * org.winnow.train.SelectorOptions} record, and are registered by name in {@link
 * org.winnow.train.BatchSelectors}: {@code standard}, {@code random-batch}, {@code saln} and {@code
 * jest}. The rest of the package is the training loop's machinery: image sources on the device,
 * augmentation, the optimiser, schedules, seeds and the run folder's files.
 */
package org.winnow.train;
