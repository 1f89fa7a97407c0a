/**
 * The checks behind {@code winnow doctor}: each module contributes the {@link
 * org.winnow.datasets.doctor.Check}s of what it needs from the machine (here: the Java runtime, the
 * Maven repository and the bundled sample, in {@link org.winnow.datasets.doctor.BasicChecks}), and
 * the command line only prints them. A check that finds a problem carries its one-line fix
 * (datatrove's habit: say what to install, not just what failed).
 */
package org.winnow.datasets.doctor;
