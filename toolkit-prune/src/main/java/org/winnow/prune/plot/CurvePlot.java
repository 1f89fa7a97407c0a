package org.winnow.prune.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * The redundancy curve: test accuracy (%) against the size of the training subset (% of the
 * training set, with the subset's sample count under each tick), one line per method in the order
 * the methods first appear, each point the mean over trials with a &plusmn;std error bar. This is
 * Figure 2 of Birodkar, Mobahi and Bengio, "Semantic Redundancies in Image-Classification Datasets:
 * The 10% You Don't Need" (2019).
 *
 * <p>Methods that share a fraction are drawn slightly apart, so that their error bars do not hide
 * each other. When every point has the same fraction (training selectors compared on the full set,
 * as in the SALN paper's tables), the methods become the categories of the x axis.
 */
public final class CurvePlot {

  /** The plot's size in CSS pixels (the PNG has twice as many in each direction). */
  public static final int WIDTH = 720;

  /** See {@link #WIDTH}. */
  public static final int HEIGHT = 460;

  private static final double FONT = 12;

  private CurvePlot() {}

  /**
   * Writes the plot as PNG and SVG, each complete or absent (temporary file, then rename).
   *
   * @param points the curve's points, any order; at least one
   * @param title the title above the plot, e.g. {@code "Fashion-MNIST sample, resnet20"}
   * @param png where to write the PNG, or null for none
   * @param svg where to write the SVG, or null for none
   * @throws IllegalArgumentException when {@code points} is empty
   * @throws IOException when a file cannot be written
   */
  public static void write(List<CurvePoint> points, String title, Path png, Path svg)
      throws IOException {
    check(points);
    PlotFiles.write(WIDTH, HEIGHT, c -> draw(c, points, title), png, svg);
  }

  /** The plot as an SVG document, for inlining in HTML. */
  public static String svg(List<CurvePoint> points, String title) {
    check(points);
    return PlotFiles.svg(WIDTH, HEIGHT, c -> draw(c, points, title));
  }

  private static void check(List<CurvePoint> points) {
    if (points.isEmpty()) {
      throw new IllegalArgumentException("a curve needs at least one point");
    }
  }

  static void draw(Canvas c, List<CurvePoint> points, String title) {
    Map<String, List<CurvePoint>> series = new LinkedHashMap<>();
    for (CurvePoint p : points) {
      series.computeIfAbsent(p.method(), k -> new ArrayList<>()).add(p);
    }
    series.values().forEach(s -> s.sort(Comparator.comparingDouble(CurvePoint::fraction)));

    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    TreeMap<Double, Integer> sizes = new TreeMap<>();
    TreeMap<Double, Boolean> sizeAgrees = new TreeMap<>();
    for (CurvePoint p : points) {
      double spread = Double.isNaN(p.std()) ? 0 : p.std();
      lo = Math.min(lo, 100 * (p.mean() - spread));
      hi = Math.max(hi, 100 * (p.mean() + spread));
      double x = 100 * p.fraction();
      Integer seen = sizes.putIfAbsent(x, p.nTrain());
      sizeAgrees.merge(x, seen == null || seen == p.nTrain(), Boolean::logicalAnd);
    }
    double[] yRange = Axis.niceRange(lo, hi, 5);
    yRange[0] = Math.max(0, yRange[0]);
    yRange[1] = Math.min(100, yRange[1]);
    if (!(yRange[1] > yRange[0])) {
      yRange = new double[] {Math.max(0, yRange[0] - 1), Math.min(100, yRange[1] + 1)};
    }
    double xMin = sizes.firstKey();
    double xMax = sizes.lastKey();
    double xSpan = Math.max(xMax - xMin, 10);
    double pad = xSpan * 0.06;

    Frame frame = Frame.inside(c, FONT * 5.2, FONT);
    // One subset size and several methods (a SALN-style comparison at fraction 1): the methods
    // become the categories of the x axis instead of crowding one tick.
    boolean categorical = sizes.size() == 1 && series.size() > 1;
    Axis x =
        categorical
            ? frame.x(-0.6, series.size() - 0.4, false)
            : frame.x(xMin - pad, xMax + pad, false);
    Axis y = frame.y(yRange[0], yRange[1], false);

    List<Frame.Tick> xTicks = new ArrayList<>();
    String xTitle = "Training subset size (% of the training set)";
    if (categorical) {
      int k = 0;
      for (String method : series.keySet()) {
        xTicks.add(new Frame.Tick(k++, method));
      }
      double pct = sizes.firstKey();
      int n = sizes.firstEntry().getValue();
      xTitle =
          "Method, trained on "
              + Axis.label(pct, pct % 1 == 0 ? 1 : 0.1)
              + "% of the training set"
              + (n > 0 && sizeAgrees.get(pct) ? String.format(Locale.ROOT, " (n=%,d)", n) : "");
    } else if (sizes.size() <= 12) {
      sizes.forEach(
          (pct, n) ->
              xTicks.add(
                  new Frame.Tick(
                      pct,
                      Axis.label(pct, pct % 1 == 0 ? 1 : 0.1) + "%",
                      n > 0 && sizeAgrees.get(pct) ? String.format(Locale.ROOT, "n=%,d", n) : "")));
    } else {
      double step = Axis.niceStep((x.max() - x.min()) / 8);
      for (double v : x.ticks(8)) {
        xTicks.add(new Frame.Tick(v, Axis.label(v, step) + "%"));
      }
    }
    List<Frame.Tick> yTicks = new ArrayList<>();
    double yStep = Axis.niceStep((y.max() - y.min()) / 5);
    for (double v : y.ticks(5)) {
      yTicks.add(new Frame.Tick(v, Axis.label(v, yStep)));
    }
    frame.draw(c, title, x, xTicks, xTitle, y, yTicks, List.of(), "Test accuracy (%)", FONT);

    int count = series.size();
    double dodge =
        count == 1 || categorical ? 0 : Math.min(10, (frame.right() - frame.left()) / 90.0);
    int i = 0;
    for (Map.Entry<String, List<CurvePoint>> e : series.entrySet()) {
      double shift = (i - (count - 1) / 2.0) * dodge;
      int index = i;
      DoubleUnaryOperator px = categorical ? f -> x.pixel(index) : f -> x.pixel(100 * f) + shift;
      drawSeries(c, e.getValue(), i, px, y);
      i++;
    }
    legend(c, List.copyOf(series.keySet()), FONT * 3.6);
  }

  /**
   * Draws one method's line, error bars and markers.
   *
   * @param px the pixel x of a fraction
   */
  private static void drawSeries(
      Canvas c, List<CurvePoint> s, int index, DoubleUnaryOperator px, Axis y) {
    java.awt.Color color = Palette.color(index);
    double[] xs = new double[s.size()];
    double[] ys = new double[s.size()];
    for (int k = 0; k < s.size(); k++) {
      xs[k] = px.applyAsDouble(s.get(k).fraction());
      ys[k] = y.pixel(clamp(100 * s.get(k).mean(), y));
    }
    if (s.size() > 1) {
      c.polyline(xs, ys, color, 2);
    }
    for (int k = 0; k < s.size(); k++) {
      CurvePoint p = s.get(k);
      if (p.std() > 0) {
        double top = y.pixel(clamp(100 * (p.mean() + p.std()), y));
        double bottom = y.pixel(clamp(100 * (p.mean() - p.std()), y));
        c.line(xs[k], top, xs[k], bottom, color, 1.5);
        c.line(xs[k] - 4, top, xs[k] + 4, top, color, 1.5);
        c.line(xs[k] - 4, bottom, xs[k] + 4, bottom, color, 1.5);
      }
    }
    for (int k = 0; k < s.size(); k++) {
      c.marker(Palette.marker(index), xs[k], ys[k], 9, color);
    }
  }

  private static double clamp(double v, Axis a) {
    return Math.max(a.min(), Math.min(a.max(), v));
  }

  /** One row, centred: marker on a short line, then the method's name. */
  static void legend(Canvas c, List<String> names, double baseline) {
    double item = 34;
    double gap = 22;
    double total = 0;
    for (String n : names) {
      total += item + Canvas.textWidth(n, FONT) + gap;
    }
    total -= gap;
    double left = (c.width() - total) / 2;
    for (int i = 0; i < names.size(); i++) {
      java.awt.Color color = Palette.color(i);
      double mid = baseline - FONT * 0.35;
      c.line(left, mid, left + 26, mid, color, 2);
      c.marker(Palette.marker(i), left + 13, mid, 9, color);
      c.text(names.get(i), left + item, baseline, FONT, Canvas.Anchor.START, false, false);
      left += item + Canvas.textWidth(names.get(i), FONT) + gap;
    }
  }
}
