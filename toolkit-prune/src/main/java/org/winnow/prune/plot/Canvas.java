package org.winnow.prune.plot;

import java.awt.Color;

/**
 * The few drawing operations the plots need, so that one drawing routine produces both the PNG
 * ({@link PngCanvas}) and the SVG ({@link SvgCanvas}). Coordinates are in CSS pixels, y downwards.
 */
interface Canvas {

  /** Where a text's anchor point lies along its baseline. */
  enum Anchor {
    START,
    MIDDLE,
    END
  }

  /** Marker shapes, one per series, so lines stay distinguishable in grey print. */
  enum Marker {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND
  }

  int width();

  int height();

  void line(double x1, double y1, double x2, double y2, Color color, double strokeWidth);

  void dashedLine(double x1, double y1, double x2, double y2, Color color, double strokeWidth);

  void polyline(double[] xs, double[] ys, Color color, double strokeWidth);

  void fillRect(double x, double y, double w, double h, Color fill);

  void strokeRect(double x, double y, double w, double h, Color stroke, double strokeWidth);

  void circle(double cx, double cy, double r, Color fill, Color stroke);

  void polygon(double[] xs, double[] ys, Color fill, Color stroke);

  /** A marker of about {@code size} pixels across, centred on (x, y), outlined in white. */
  default void marker(Marker shape, double x, double y, double size, Color fill) {
    double h = size / 2;
    switch (shape) {
      case CIRCLE -> circle(x, y, h, fill, Color.WHITE);
      case SQUARE ->
          polygon(
              new double[] {x - h, x + h, x + h, x - h},
              new double[] {y - h, y - h, y + h, y + h},
              fill,
              Color.WHITE);
      case TRIANGLE ->
          polygon(
              new double[] {x, x + h * 1.15, x - h * 1.15},
              new double[] {y - h * 1.2, y + h * 0.8, y + h * 0.8},
              fill,
              Color.WHITE);
      case DIAMOND ->
          polygon(
              new double[] {x, x + h * 1.25, x, x - h * 1.25},
              new double[] {y - h * 1.25, y, y + h * 1.25, y},
              fill,
              Color.WHITE);
    }
  }

  /**
   * Draws text with its baseline at {@code y}.
   *
   * @param rotated whether to turn it 90 degrees counter-clockwise about the anchor (y labels)
   */
  void text(
      String text, double x, double y, double size, Anchor anchor, boolean bold, boolean rotated);

  /** An estimate of a text's width, the same for PNG and SVG so both lay out alike. */
  static double textWidth(String text, double size) {
    return text.length() * size * 0.58;
  }
}
