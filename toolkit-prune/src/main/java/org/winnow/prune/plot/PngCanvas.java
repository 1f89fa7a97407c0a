package org.winnow.prune.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws with Java2D into an image {@code scale} times the plot's size, so the PNG stays sharp on
 * high-density screens and in print. Needs no display (headless), but needs a font.
 */
final class PngCanvas implements Canvas {

  private final int width;
  private final int height;
  private final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(int width, int height, int scale) {
    this.width = width;
    this.height = height;
    this.image = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    this.g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.scale(scale, scale);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
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
    g.setColor(color);
    g.setStroke(new BasicStroke((float) strokeWidth));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void dashedLine(
      double x1, double y1, double x2, double y2, Color color, double strokeWidth) {
    g.setColor(color);
    g.setStroke(
        new BasicStroke(
            (float) strokeWidth,
            BasicStroke.CAP_BUTT,
            BasicStroke.JOIN_MITER,
            10f,
            new float[] {3f, 3f},
            0f));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void polyline(double[] xs, double[] ys, Color color, double strokeWidth) {
    g.setColor(color);
    g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
    g.draw(path(xs, ys, false));
  }

  @Override
  public void fillRect(double x, double y, double w, double h, Color fill) {
    g.setColor(fill);
    g.fill(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void strokeRect(double x, double y, double w, double h, Color stroke, double strokeWidth) {
    g.setColor(stroke);
    g.setStroke(new BasicStroke((float) strokeWidth));
    g.draw(new Rectangle2D.Double(x, y, w, h));
  }

  @Override
  public void circle(double cx, double cy, double r, Color fill, Color stroke) {
    Ellipse2D e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
    g.setColor(fill);
    g.fill(e);
    g.setColor(stroke);
    g.setStroke(new BasicStroke(1f));
    g.draw(e);
  }

  @Override
  public void polygon(double[] xs, double[] ys, Color fill, Color stroke) {
    Path2D p = path(xs, ys, true);
    g.setColor(fill);
    g.fill(p);
    g.setColor(stroke);
    g.setStroke(new BasicStroke(1f));
    g.draw(p);
  }

  @Override
  public void text(
      String text, double x, double y, double size, Anchor anchor, boolean bold, boolean rotated) {
    Font font =
        new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
    g.setFont(font);
    g.setColor(Color.BLACK);
    double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
    double shift =
        switch (anchor) {
          case START -> 0;
          case MIDDLE -> -w / 2;
          case END -> -w;
        };
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    if (rotated) {
      g.rotate(-Math.PI / 2);
    }
    g.drawString(text, (float) shift, 0f);
    g.setTransform(saved);
  }

  /** The finished image; the canvas must not be drawn on afterwards. */
  BufferedImage image() {
    g.dispose();
    return image;
  }

  private static Path2D path(double[] xs, double[] ys, boolean close) {
    Path2D.Double p = new Path2D.Double();
    p.moveTo(xs[0], ys[0]);
    for (int i = 1; i < xs.length; i++) {
      p.lineTo(xs[i], ys[i]);
    }
    if (close) {
      p.closePath();
    }
    return p;
  }
}
