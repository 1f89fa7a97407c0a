package org.winnow.prune.plot;

import java.awt.Color;
import java.util.Locale;

/** Builds an SVG document; the text is self-contained (no fonts or images fetched). */
final class SvgCanvas implements Canvas {

  private static final String FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

  private final int width;
  private final int height;
  private final StringBuilder body = new StringBuilder();

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color color, double strokeWidth) {
    body.append(
        f(
            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\""
                + " stroke-width=\"%.2f\"/>\n",
            x1, y1, x2, y2, hex(color), strokeWidth));
  }

  @Override
  public void dashedLine(
      double x1, double y1, double x2, double y2, Color color, double strokeWidth) {
    body.append(
        f(
            "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"%s\""
                + " stroke-width=\"%.2f\" stroke-dasharray=\"3 3\"/>\n",
            x1, y1, x2, y2, hex(color), strokeWidth));
  }

  @Override
  public void polyline(double[] xs, double[] ys, Color color, double strokeWidth) {
    body.append(
        f(
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.2f\""
                + " stroke-linejoin=\"round\" points=\"%s\"/>\n",
            hex(color), strokeWidth, points(xs, ys)));
  }

  @Override
  public void fillRect(double x, double y, double w, double h, Color fill) {
    body.append(
        f(
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>\n",
            x, y, w, h, hex(fill)));
  }

  @Override
  public void strokeRect(double x, double y, double w, double h, Color stroke, double strokeWidth) {
    body.append(
        f(
            "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\""
                + " stroke=\"%s\" stroke-width=\"%.2f\"/>\n",
            x, y, w, h, hex(stroke), strokeWidth));
  }

  @Override
  public void circle(double cx, double cy, double r, Color fill, Color stroke) {
    body.append(
        f(
            "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" fill=\"%s\" stroke=\"%s\"/>\n",
            cx, cy, r, hex(fill), hex(stroke)));
  }

  @Override
  public void polygon(double[] xs, double[] ys, Color fill, Color stroke) {
    body.append(
        f(
            "<polygon points=\"%s\" fill=\"%s\" stroke=\"%s\"/>\n",
            points(xs, ys), hex(fill), hex(stroke)));
  }

  @Override
  public void text(
      String text, double x, double y, double size, Anchor anchor, boolean bold, boolean rotated) {
    String anchorName =
        switch (anchor) {
          case START -> "start";
          case MIDDLE -> "middle";
          case END -> "end";
        };
    body.append(
        f(
            "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.1f\" text-anchor=\"%s\"%s%s>%s</text>\n",
            x,
            y,
            size,
            anchorName,
            bold ? " font-weight=\"bold\"" : "",
            rotated ? f(" transform=\"rotate(-90 %.2f %.2f)\"", x, y) : "",
            Markup.escape(text)));
  }

  /** The finished document, sized in pixels and scalable through its view box. */
  String document() {
    return f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"%s\" role=\"img\">\n",
            width, height, width, height, FONT)
        + f("<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height)
        + body
        + "</svg>\n";
  }

  private static String points(double[] xs, double[] ys) {
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      p.append(i == 0 ? "" : " ").append(f("%.2f,%.2f", xs[i], ys[i]));
    }
    return p.toString();
  }

  private static String hex(Color c) {
    return f("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
