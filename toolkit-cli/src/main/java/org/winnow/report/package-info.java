/**
 * The HTML report of a pruning run: one self-contained file (inline CSS, inline SVG plots,
 * thumbnails as data URIs, nothing fetched) that shows what was pruned and why, per-class counts
 * and mean dissimilarities (Birodkar, Mobahi and Bengio, <i>Semantic Redundancies in
 * Image-Classification Datasets: The 10% You Don't Need</i>, 2019, Table 1), the group-size
 * histogram (Figure 4), a gallery of the largest redundant groups of each class with the retained
 * sample outlined in green (Figures 1, 3 and 11) and, when there is one, the redundancy curve
 * (Figure 2) with one sentence per comparison saying whether it is within run-to-run noise ({@link
 * org.winnow.prune.plot.CurveNoise}). For prototype pruning the gallery shows each class's easiest
 * and hardest samples instead ({@code DifficultyGallery}).
 *
 * <p>The front door is {@link org.winnow.report.HtmlReport#write}; {@link
 * org.winnow.report.ReportRequest#forRun} finds the inputs in a prune or run folder, {@link
 * org.winnow.report.PruneResult} reads one prune output and {@link org.winnow.report.Provenance}
 * opens the embeddings and dataset it came from (refusing ones whose index hashes disagree). Plots
 * come from {@link org.winnow.prune.plot}. This is library code that {@code winnow report}, {@code
 * winnow run} and {@code winnow demo} call; it sits in toolkit-cli because it reads the outputs of
 * every toolkit.
 */
package org.winnow.report;
