/**
 * Provenance written next to every output: which tool and version made it, with which options and
 * seed, from which inputs (file SHA-256 and dataset index hash). Each stage writes one {@link
 * org.winnow.datasets.manifest.Manifest}; a stage whose input carries a manifest of its own copies
 * it in, so the chain back to the dataset stays readable (Tribuo's provenance, in JSON).
 *
 * <p>{@link org.winnow.datasets.manifest.JsonWriter} is the small JSON writer the stages share;
 * Winnow keeps Jackson out of its build.
 */
package org.winnow.datasets.manifest;
