/**
 * Audits of a dataset's splits. The front door is {@link org.winnow.prune.audit.LeakageAudit}
 * ({@code winnow audit leakage}): for every test and validation sample, its nearest train sample by
 * cosine on penultimate embeddings, and the pairs so close that the held-out sample is a twin of a
 * training sample. The search is {@link org.winnow.prune.NearestNeighbours}'s exact blocked one.
 */
package org.winnow.prune.audit;
