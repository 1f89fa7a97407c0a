package org.winnow.datasets.folder;

import org.winnow.datasets.Split;

/**
 * A file the scan found in a class folder with an image extension and nothing visibly wrong.
 *
 * @param id the relative path in Unicode NFC, the sample id
 * @param source the relative path as the file system spells it, with {@code /} separators
 * @param split the split of the split folder it is under, or TRAIN without splits
 * @param className the class folder's name in Unicode NFC
 */
record ImageFile(String id, String source, Split split, String className) {}
