package org.winnow.datasets.doctor;

import java.util.Objects;

/**
 * One finding of {@code winnow doctor}.
 *
 * @param name what was checked, a few words ("java", "native BLAS")
 * @param ok whether it is as Winnow needs it
 * @param found what was found, one line
 * @param fix what to do about it, one line; empty exactly when {@code ok}
 */
public record Check(String name, boolean ok, String found, String fix) {

  /** Validates the fields. */
  public Check {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(found, "found");
    Objects.requireNonNull(fix, "fix");
    if (ok != fix.isBlank()) {
      throw new IllegalArgumentException(
          "check '" + name + "': a fix comes with, and only with, a problem");
    }
  }

  /** A check that passed. */
  public static Check ok(String name, String found) {
    return new Check(name, true, found, "");
  }

  /** A check that found a problem, and its fix. */
  public static Check problem(String name, String found, String fix) {
    return new Check(name, false, found, fix);
  }
}
