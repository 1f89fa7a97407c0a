/**
 * The jobs that chain several toolkits, as library code the commands call: {@link
 * org.winnow.pipeline.MainJob} ({@code winnow run}: reference training, embedding, pruning with a
 * registered selection method (semantic by default), report) and {@link org.winnow.pipeline.Demo}
 * ({@code winnow demo}: that job on the bundled sample, then a small redundancy curve and one
 * report over both). Each step is the toolkit's own front door, keyed on the options that toolkit
 * records in its own manifest. {@link org.winnow.pipeline.StageFolder} makes the chain resumable
 * and skips the steps whose inputs and options have not changed (the datatrove pattern: one folder
 * per stage, a completion marker, reruns skip complete stages); {@link
 * org.winnow.pipeline.SharedFullRun} trains the demo's reference once for the run and the curve;
 * {@code ReportHooks} hands the results to {@link org.winnow.report}. The package sits in
 * toolkit-cli only because that module is the one that depends on every toolkit; nothing here
 * parses arguments or prints.
 */
package org.winnow.pipeline;
