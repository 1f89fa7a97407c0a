package org.winnow.prune.plot;

import java.awt.Color;
import java.util.List;

/**
 * The parts every plot shares: title, plot area with light grid lines, ticks, tick labels and axis
 * titles.
 *
 * @param left x of the plot area's left edge
 * @param top y of its top edge
 * @param right x of its right edge
 * @param bottom y of its bottom edge
 */
record Frame(double left, double top, double right, double bottom) {

  static final Color AXIS = new Color(0x33, 0x33, 0x33);
  static final Color GRID = new Color(0xdd, 0xdd, 0xdd);

  /** The plot area of a canvas, leaving room for the title, a legend row and the axis labels. */
  static Frame inside(Canvas c, double topRoom, double fontSize) {
    return new Frame(
        fontSize * 5.2, topRoom, c.width() - fontSize * 1.6, c.height() - fontSize * 4.6);
  }

  /** A horizontal axis over this area. */
  Axis x(double min, double max, boolean log) {
    return new Axis(min, max, log, left, right);
  }

  /** A vertical axis over this area. */
  Axis y(double min, double max, boolean log) {
    return new Axis(min, max, log, bottom, top);
  }

  /**
   * A tick value and its text.
   *
   * @param value where it is, in data units
   * @param label its text
   * @param sub a second, smaller line under an x tick's label (e.g. a sample count), or empty
   */
  record Tick(double value, String label, String sub) {

    Tick(double value, String label) {
      this(value, label, "");
    }
  }

  /**
   * Draws grid, frame, ticks and labels; the data is drawn afterwards, on top of the grid.
   *
   * @param minorY extra unlabelled y ticks (a log axis's 2..9), may be empty
   */
  void draw(
      Canvas c,
      String title,
      Axis xAxis,
      List<Tick> xTicks,
      String xTitle,
      Axis yAxis,
      List<Tick> yTicks,
      List<Double> minorY,
      String yTitle,
      double fontSize) {
    for (Tick t : yTicks) {
      double y = yAxis.pixel(t.value());
      c.line(left, y, right, y, GRID, 1);
      c.line(left - 4, y, left, y, AXIS, 1);
      c.text(t.label(), left - 7, y + fontSize * 0.35, fontSize, Canvas.Anchor.END, false, false);
    }
    for (double v : minorY) {
      double y = yAxis.pixel(v);
      c.line(left - 2.5, y, left, y, AXIS, 0.8);
    }
    for (Tick t : xTicks) {
      double x = xAxis.pixel(t.value());
      c.line(x, bottom, x, bottom + 4, AXIS, 1);
      c.text(t.label(), x, bottom + fontSize * 1.45, fontSize, Canvas.Anchor.MIDDLE, false, false);
      if (!t.sub().isEmpty()) {
        c.text(
            t.sub(),
            x,
            bottom + fontSize * 2.5,
            fontSize * 0.8,
            Canvas.Anchor.MIDDLE,
            false,
            false);
      }
    }
    boolean twoLines = xTicks.stream().anyMatch(t -> !t.sub().isEmpty());
    c.strokeRect(left, top, right - left, bottom - top, AXIS, 1);
    c.text(
        xTitle,
        (left + right) / 2,
        bottom + fontSize * (twoLines ? 3.9 : 3.0),
        fontSize,
        Canvas.Anchor.MIDDLE,
        false,
        false);
    c.text(yTitle, fontSize * 1.3, (top + bottom) / 2, fontSize, Canvas.Anchor.MIDDLE, false, true);
    c.text(
        title, c.width() / 2.0, fontSize * 1.6, fontSize * 1.2, Canvas.Anchor.MIDDLE, true, false);
  }
}
