/**
 * Materialises a keep-list as a new ImageNet-style folder, for training code that takes a folder
 * rather than a list. The front door is {@link org.winnow.prune.apply.KeepListApply#apply}. The
 * source folder is only ever read.
 */
package org.winnow.prune.apply;
