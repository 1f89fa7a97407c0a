/**
 * The {@code winnow} command line: picocli commands that parse arguments and delegate to the
 * toolkits' front doors and to {@link org.winnow.pipeline}, plus what only a terminal needs:
 * progress bars ({@code ConsoleProgress}), the per-folder {@code winnow.log} that also keeps the
 * stack trace of a failure ({@code RunLog}), and plain-text tables ({@code SummaryReport}). No
 * algorithm lives here. The entry point is {@link org.winnow.cli.Winnow#main}, started by the
 * {@code ./winnow} launcher at the repository root.
 *
 * <p>Exit codes: 0 success, 1 failure (one line on standard error naming the file or option and the
 * problem), 2 usage error.
 */
package org.winnow.cli;
