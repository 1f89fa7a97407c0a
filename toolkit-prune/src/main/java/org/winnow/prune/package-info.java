/**
 * Chooses which samples of a dataset to keep, from their embeddings, and writes keep-lists.
 *
 * <p>Methods: per-class agglomerative clustering with complete linkage on cosine dissimilarity
 * (Birodkar et al. 2019, section 3.2), class-stratified random subsets as the baseline, and the
 * spectral (Fiedler-vector) batch scoring of SALN. The module depends on Smile and commons-csv and,
 * by an enforcer rule, never on DJL.
 */
package org.winnow.prune;
