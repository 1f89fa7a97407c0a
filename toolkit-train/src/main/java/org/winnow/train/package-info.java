/**
 * Trains CIFAR-style ResNets with DJL on full datasets or on keep-lists, with per-batch sample
 * selectors (standard, random, SALN, JEST), and measures redundancy curves: test accuracy against
 * subset size, over several seeds.
 */
package org.winnow.train;
