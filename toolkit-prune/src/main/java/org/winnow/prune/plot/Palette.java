package org.winnow.prune.plot;

import java.awt.Color;

/**
 * Series colours (Tableau 10, distinguishable for most colour-blind readers) and markers, so that
 * series also differ in grey print.
 */
final class Palette {

  private static final int[] RGB = {
    0x1f77b4, 0xd62728, 0x2ca02c, 0xff7f0e, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22,
    0x17becf
  };

  private Palette() {}

  static Color color(int series) {
    return new Color(RGB[series % RGB.length]);
  }

  static Canvas.Marker marker(int series) {
    Canvas.Marker[] all = Canvas.Marker.values();
    return all[series % all.length];
  }
}
