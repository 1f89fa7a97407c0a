/**
 * Provenance written next to every output: which tool and version made it, with which options and
 * seed, from which inputs (file SHA-256 and dataset index hash). Each stage writes one {@link
 * org.winnow.datasets.manifest.Manifest}; a stage whose input carries a manifest of its own copies
 * it in, so the chain back to the dataset stays readable (Tribuo's provenance, in JSON).
 *
 * <p>Two helpers serve every stage: {@link org.winnow.datasets.manifest.Sha256}, the one SHA-256
 * (files, text, streams), and {@link org.winnow.datasets.manifest.JsonFormat}, the one way JSON is
 * printed (Gson trees, a fixed pretty format). JSON is written and read through Gson only.
 */
package org.winnow.datasets.manifest;
