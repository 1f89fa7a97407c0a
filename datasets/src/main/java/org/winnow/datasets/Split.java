package org.winnow.datasets;

/** A dataset split. Binary formats have TRAIN and TEST; folders may also have VAL. */
public enum Split {
  TRAIN,
  VAL,
  TEST;

  /** The lower-case name used in sample ids and on the command line. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
