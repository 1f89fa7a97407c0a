package org.winnow.prune.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class GroupSizePlotTest {

  @Test
  void barsOnALogAxis(@TempDir Path dir) throws Exception {
    TreeMap<Integer, Integer> sizes = new TreeMap<>();
    sizes.put(1, 1000);
    sizes.put(2, 100);
    sizes.put(3, 10);
    sizes.put(5, 1);
    Path png = dir.resolve("groups.png");
    Path svg = dir.resolve("groups.svg");
    GroupSizePlot.write(sizes, "all classes", 480, 300, png, svg);

    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(960, img.getWidth());
    assertTrue(CurvePlotTest.count(img, 0x4c78a8) > 1000, "redundant-group bars drawn");

    Document d = CurvePlotTest.parse(Files.readString(svg));
    // The first rect is the white background; bars follow the frame.
    List<Double> heights = new ArrayList<>();
    List<Double> bottoms = new ArrayList<>();
    NodeList rects = d.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.getAttribute("fill").equals("#4c78a8") || r.getAttribute("fill").equals("#b0b8c4")) {
        double h = Double.parseDouble(r.getAttribute("height"));
        heights.add(h);
        bottoms.add(Double.parseDouble(r.getAttribute("y")) + h);
      }
    }
    assertEquals(4, heights.size(), "one bar per size present");
    // Log scale: each factor of 10 adds the same height; a count of 1 still shows.
    double decade = heights.get(0) - heights.get(1);
    assertEquals(decade, heights.get(1) - heights.get(2), 0.05);
    assertEquals(decade, heights.get(2) - heights.get(3), 0.05);
    assertTrue(heights.get(3) > 2, "a single group is visible");
    assertEquals(bottoms.get(0), bottoms.get(3), 0.02, "bars share the baseline");
    assertTrue(CurvePlotTest.texts(d).contains("1,000"), "counts on the bars");
    assertTrue(CurvePlotTest.texts(d).contains("Groups (log scale)"));
  }

  @Test
  void refusesAnEmptyHistogram() {
    assertThrows(
        IllegalArgumentException.class, () -> GroupSizePlot.svg(new TreeMap<>(), "t", 300, 200));
  }
}
