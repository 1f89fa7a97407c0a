/**
 * The {@code winnow} command line: argument parsing, progress bars and plain-text reports. It only
 * parses and delegates; every algorithm lives in the toolkit modules. The entry point is {@link
 * org.winnow.cli.Winnow#main}, started by the {@code ./winnow} launcher at the repository root.
 *
 * <p>Exit codes: 0 success, 1 failure (one line on standard error naming the file or option and the
 * problem), 2 usage error.
 */
package org.winnow.cli;
