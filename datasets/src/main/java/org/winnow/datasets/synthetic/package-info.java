/**
 * Seeded generators that write small datasets in every supported binary format, for tests and
 * benchmarks: the same seed always gives the same bytes. Folder datasets have theirs in {@code
 * org.winnow.datasets.folder}.
 */
package org.winnow.datasets.synthetic;
