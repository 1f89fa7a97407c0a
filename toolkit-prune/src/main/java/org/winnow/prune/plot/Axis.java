package org.winnow.prune.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps data values on one axis to pixels, linearly or logarithmically, and proposes tick values.
 *
 * @param min the data value at {@code from}
 * @param max the data value at {@code to}
 * @param log whether the scale is logarithmic (then {@code min > 0})
 * @param from the pixel of {@code min}
 * @param to the pixel of {@code max} (smaller than {@code from} for a y axis)
 */
record Axis(double min, double max, boolean log, double from, double to) {

  Axis {
    if (!(max > min) || (log && !(min > 0))) {
      throw new IllegalArgumentException("bad axis range " + min + " .. " + max);
    }
  }

  /** The pixel of a data value. */
  double pixel(double v) {
    double t = log ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
    return from + t * (to - from);
  }

  /**
   * About {@code target} round tick values (steps of 1, 2 or 5 times a power of ten) within the
   * range, or powers of ten on a log axis.
   */
  List<Double> ticks(int target) {
    List<Double> out = new ArrayList<>();
    if (log) {
      for (double p = Math.pow(10, Math.ceil(Math.log10(min) - 1e-9));
          p <= max * (1 + 1e-9);
          p *= 10) {
        out.add(p);
      }
      return out;
    }
    double step = niceStep((max - min) / Math.max(1, target));
    for (double v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }

  /** Minor ticks of a log axis: 2..9 times each power of ten within the range. */
  List<Double> minorLogTicks() {
    List<Double> out = new ArrayList<>();
    for (double p = Math.pow(10, Math.floor(Math.log10(min))); p <= max; p *= 10) {
      for (int k = 2; k <= 9; k++) {
        if (k * p >= min && k * p <= max) {
          out.add(k * p);
        }
      }
    }
    return out;
  }

  /** The smallest of 1, 2, 5 times a power of ten that is at least {@code raw}. */
  static double niceStep(double raw) {
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= raw * (1 - 1e-9)) {
        return m * p;
      }
    }
    return 10 * p;
  }

  /** A range widened to whole steps around {@code lo .. hi}, so data never sits on the frame. */
  static double[] niceRange(double lo, double hi, int target) {
    if (!(hi > lo)) {
      double pad = Math.max(Math.abs(lo) * 0.01, 0.5);
      lo -= pad;
      hi += pad;
    }
    double step = niceStep((hi - lo) / Math.max(1, target));
    return new double[] {Math.floor(lo / step) * step, Math.ceil(hi / step) * step};
  }

  /** Tick text with no more decimals than the step needs: 90, 92.5, 0.25, 1,000. */
  static String label(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    if (decimals == 0) {
      return String.format(Locale.ROOT, "%,d", Math.round(v));
    }
    return String.format(Locale.ROOT, "%." + decimals + "f", v);
  }
}
