package org.winnow.prune.plot;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * How many redundant groups have each size, as bars on a logarithmic count axis, as in Figures 4, 7
 * and 10 of Birodkar, Mobahi and Bengio (2019). Groups of size 1 are the samples no other sample
 * was found redundant with; the rest are the redundant groups. Each bar carries its count when
 * there is room.
 */
public final class GroupSizePlot {

  private static final Color BAR = new Color(0x4c, 0x78, 0xa8);
  private static final Color SINGLE = new Color(0xb0, 0xb8, 0xc4);

  private GroupSizePlot() {}

  /**
   * Writes the plot as PNG and SVG, each complete or absent.
   *
   * @param groupSizes group size to number of groups of that size (as in {@code summary.json}),
   *     sizes at least 1, counts at least 0, at least one group
   * @param title the title above the plot
   * @param width the plot's width in CSS pixels (the PNG has twice as many)
   * @param height its height
   * @param png where to write the PNG, or null for none
   * @param svg where to write the SVG, or null for none
   */
  public static void write(
      SortedMap<Integer, Integer> groupSizes,
      String title,
      int width,
      int height,
      Path png,
      Path svg)
      throws IOException {
    check(groupSizes);
    PlotFiles.write(width, height, c -> draw(c, groupSizes, title), png, svg);
  }

  /** The plot as an SVG document of the given size, for inlining in HTML. */
  public static String svg(
      SortedMap<Integer, Integer> groupSizes, String title, int width, int height) {
    check(groupSizes);
    return PlotFiles.svg(width, height, c -> draw(c, groupSizes, title));
  }

  private static void check(SortedMap<Integer, Integer> groupSizes) {
    if (groupSizes.isEmpty() || groupSizes.firstKey() < 1) {
      throw new IllegalArgumentException("group sizes must be 1 or more, and at least one given");
    }
    for (Map.Entry<Integer, Integer> e : groupSizes.entrySet()) {
      if (e.getValue() < 0) {
        throw new IllegalArgumentException("negative count for group size " + e.getKey());
      }
    }
  }

  static void draw(Canvas c, SortedMap<Integer, Integer> sizes, String title) {
    double font = Math.max(8, Math.min(12, c.width() / 55.0));
    int maxSize = sizes.lastKey();
    int maxCount = sizes.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    // Powers of ten up to above the highest bar; the floor below 1 gives a count of 1 a visible
    // bar.
    double top = Math.pow(10, Math.max(1, Math.ceil(Math.log10(Math.max(1, maxCount) * 1.6))));
    Frame frame = Frame.inside(c, font * 3, font);
    Axis x = frame.x(0.4, maxSize + 0.6, false);
    Axis y = frame.y(0.6, top, true);

    List<Frame.Tick> xTicks = new ArrayList<>();
    double step = maxSize <= 15 ? 1 : Math.max(1, Axis.niceStep(maxSize / 10.0));
    for (double v = step == 1 ? 1 : step; v <= maxSize; v += step) {
      xTicks.add(new Frame.Tick(v, Axis.label(v, 1)));
    }
    List<Frame.Tick> yTicks = new ArrayList<>();
    for (double v : y.ticks(0)) {
      yTicks.add(new Frame.Tick(v, Axis.label(v, 1)));
    }
    frame.draw(
        c,
        title,
        x,
        xTicks,
        "Group size (samples)",
        y,
        yTicks,
        y.minorLogTicks(),
        "Groups (log scale)",
        font);

    double slot = x.pixel(2) - x.pixel(1);
    double barWidth = Math.max(1, slot * 0.72);
    for (Map.Entry<Integer, Integer> e : sizes.entrySet()) {
      if (e.getValue() == 0) {
        continue;
      }
      double cx = x.pixel(e.getKey());
      double yTop = y.pixel(e.getValue());
      c.fillRect(
          cx - barWidth / 2, yTop, barWidth, frame.bottom() - yTop, e.getKey() == 1 ? SINGLE : BAR);
      String label = String.format(Locale.ROOT, "%,d", e.getValue());
      if (Canvas.textWidth(label, font * 0.85) <= slot * 1.05) {
        c.text(label, cx, yTop - 3, font * 0.85, Canvas.Anchor.MIDDLE, false, false);
      }
    }
  }
}
