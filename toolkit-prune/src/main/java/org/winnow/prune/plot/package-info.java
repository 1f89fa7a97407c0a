/**
 * Plots of pruning and retraining results, drawn once and written both as PNG (Java2D) and as SVG
 * text (for inlining in the HTML report), with no dependency beyond the JDK.
 *
 * <p>The front doors:
 *
 * <ul>
 *   <li>{@link org.winnow.prune.plot.CurvePlot}: the redundancy curve, test accuracy against
 *       training-subset size, one line per method with &plusmn;std error bars (Birodkar, Mobahi and
 *       Bengio, <i>Semantic Redundancies in Image-Classification Datasets: The 10% You Don't
 *       Need</i>, 2019, Figure 2), from {@link org.winnow.prune.plot.CurvePoint}s ({@code
 *       curve.csv}, read by {@link org.winnow.prune.plot.CurveCsv});
 *   <li>{@link org.winnow.prune.plot.GroupSizePlot}: how many redundant groups have each size, on a
 *       logarithmic count axis (Figures 4, 7 and 10), from a {@code summary.json} histogram.
 * </ul>
 *
 * <p>Beside the curve's plot, {@link org.winnow.prune.plot.CurveNoise} says in words which of its
 * differences are within run-to-run noise, for the report and the demo.
 *
 * <p>The package lives in toolkit-prune because both the curve stage (toolkit-train, which depends
 * on toolkit-prune but not on the CLI) and the report (toolkit-cli) draw these plots, and because
 * the histogram is a pruning output; it uses only {@code java.desktop} and stays free of DJL.
 */
package org.winnow.prune.plot;
