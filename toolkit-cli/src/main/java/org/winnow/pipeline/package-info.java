/**
 * The jobs that chain several toolkits: {@link org.winnow.pipeline.MainJob} ({@code winnow run}:
 * reference training, embedding, pruning with a registered selection method, semantic by default)
 * and {@link org.winnow.pipeline.Demo} ({@code winnow run} and a small redundancy curve on the
 * bundled sample). They live here, outside the command classes, because only the command line
 * depends on every toolkit; each step is the toolkit's own front door, and {@link
 * org.winnow.pipeline.StageFolder} makes the chain resumable and skips the steps whose inputs and
 * options have not changed (the datatrove pattern: one folder per stage, a completion marker,
 * reruns skip complete stages).
 */
package org.winnow.pipeline;
