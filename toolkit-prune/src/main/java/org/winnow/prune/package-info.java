/**
 * Chooses which samples of a dataset to keep, from their embeddings, and writes keep-lists.
 *
 * <p>The front door is {@link org.winnow.prune.Pruning#run}: it reads a file of embeddings (HDF5 or
 * NumPy, through {@link org.winnow.datasets.embeddings.EmbeddingSource}), runs a {@link
 * org.winnow.prune.Selector} at one or more keep fractions and writes {@code keep.csv}, {@code
 * groups.csv} and {@code summary.json}. The registered selectors, which all obey one contract
 * (exact per-class counts, seeded determinism):
 *
 * <ul>
 *   <li>{@link org.winnow.prune.SemanticSelector}: per-class complete-linkage clustering on cosine
 *       dissimilarity, one representative per cluster (Birodkar, Mobahi and Bengio, <i>Semantic
 *       Redundancies in Image-Classification Datasets: The 10% You Don't Need</i>, 2019, section
 *       3.2), on Smile's linkage ({@link org.winnow.prune.CompleteLinkageTree});
 *   <li>{@link org.winnow.prune.RandomSelector}: class-stratified random subsets, the baseline;
 *   <li>{@link org.winnow.prune.SpectralSelector}: SALN's Fiedler-vector batch scoring run offline;
 *       the per-batch scorer itself, for training, is {@link org.winnow.prune.FiedlerScorer}.
 * </ul>
 *
 * <p>{@link org.winnow.prune.SelectionMethods} registers the methods: each selector class declares
 * its {@link org.winnow.prune.SelectionMethod} (name, one-line description, {@link
 * org.winnow.prune.MethodOption options}, factory), and the commands, their help, the report and
 * the shared contract test read the registry. Adding a method is one selector class and one line
 * there. {@link org.winnow.prune.KeepFractions} is the one check and spelling of keep fractions.
 *
 * <p>Building blocks over unit embeddings, public for the methods to come (SEALS, SemDeDup,
 * prototypes): {@link org.winnow.prune.NearestNeighbours}, exact cosine k-nearest neighbours
 * through blocked BLAS products (the groups of {@code random} and {@code saln} join each sample to
 * its nearest kept one with it), and {@link org.winnow.prune.SphericalKMeans}, seeded spherical
 * k-means (which splits classes too large for one clustering, {@code --max-cluster-size}).
 *
 * <p>The module depends on Smile, commons-csv and Gson and, by an enforcer rule, never on DJL.
 */
package org.winnow.prune;
