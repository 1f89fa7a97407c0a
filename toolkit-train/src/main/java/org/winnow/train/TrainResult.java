package org.winnow.train;

import java.nio.file.Path;

/**
 * What a finished training run reports; {@code result.json} in the run folder holds the same and
 * the manifest.
 *
 * @param finalTestAccuracy test accuracy after the last epoch, in [0, 1]
 * @param bestTestAccuracy the highest test accuracy after any epoch (reported, never used to pick a
 *     model: the test split is not for model selection)
 * @param wallSeconds wall time of the run, summed over resumed parts
 * @param samplesTrained samples the steps learned from, over all epochs
 * @param trainSize samples in the training set (after the keep-list and the validation split)
 * @param runDir the run folder
 */
public record TrainResult(
    double finalTestAccuracy,
    double bestTestAccuracy,
    double wallSeconds,
    long samplesTrained,
    int trainSize,
    Path runDir) {}
