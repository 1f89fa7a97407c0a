package org.winnow.prune.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.winnow.datasets.DatasetException;

class CurvePlotTest {

  /** Two methods over four fractions, as a small {@code winnow curve} would give. */
  static List<CurvePoint> twoMethods() {
    List<CurvePoint> points = new ArrayList<>();
    double[] fractions = {1.0, 0.9, 0.8, 0.7};
    for (int i = 0; i < fractions.length; i++) {
      int n = (int) Math.round(2000 * fractions[i]);
      points.add(new CurvePoint("semantic", fractions[i], n, 0.86 - 0.005 * i, 0.004, 3));
      points.add(new CurvePoint("random", fractions[i], n, 0.86 - 0.02 * i, 0.006, 3));
    }
    return points;
  }

  static Document parse(String svg) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> texts(Document d) {
    List<String> out = new ArrayList<>();
    NodeList t = d.getElementsByTagName("text");
    for (int i = 0; i < t.getLength(); i++) {
      out.add(t.item(i).getTextContent());
    }
    return out;
  }

  /** Pixels close to an RGB colour. */
  static int count(BufferedImage img, int rgb) {
    int hits = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int p = img.getRGB(x, y);
        if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) < 12
            && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) < 12
            && Math.abs((p & 255) - (rgb & 255)) < 12) {
          hits++;
        }
      }
    }
    return hits;
  }

  @Test
  void writesPngAndSvgWithOneLinePerMethodErrorBarsAndLegend(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("curve.png");
    Path svg = dir.resolve("curve.svg");
    CurvePlot.write(twoMethods(), "Fashion-MNIST sample", png, svg);

    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(2 * CurvePlot.WIDTH, img.getWidth());
    assertEquals(2 * CurvePlot.HEIGHT, img.getHeight());
    assertTrue(count(img, 0x1f77b4) > 500, "semantic's blue line is drawn");
    assertTrue(count(img, 0xd62728) > 500, "random's red line is drawn");

    Document d = parse(Files.readString(svg));
    NodeList lines = d.getElementsByTagName("polyline");
    assertEquals(2, lines.getLength(), "one line per method");
    assertEquals("#1f77b4", ((Element) lines.item(0)).getAttribute("stroke"));
    assertEquals(4, ((Element) lines.item(0)).getAttribute("points").split(" ").length);
    List<String> texts = texts(d);
    assertTrue(texts.contains("semantic") && texts.contains("random"), "legend: " + texts);
    assertTrue(texts.contains("Test accuracy (%)"), "y axis title");
    assertTrue(texts.contains("90%") && texts.contains("n=1,800"), "x ticks with sizes: " + texts);
    // 8 points, each with a bar and two caps in its colour.
    int bars = 0;
    NodeList segs = d.getElementsByTagName("line");
    for (int i = 0; i < segs.getLength(); i++) {
      String stroke = ((Element) segs.item(i)).getAttribute("stroke");
      if (stroke.equals("#1f77b4") || stroke.equals("#d62728")) {
        bars++;
      }
    }
    assertEquals(8 * 3 + 2, bars, "error bars with caps, plus the two legend lines");
    assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith(".")));
  }

  @Test
  void errorBarSpansPlusMinusOneStd() throws Exception {
    // One method, two points: the bar of the point with std 0.02 is twice as long as 0.01's.
    List<CurvePoint> pts =
        List.of(
            new CurvePoint("semantic", 1.0, 100, 0.80, 0.01, 3),
            new CurvePoint("semantic", 0.5, 50, 0.70, 0.02, 3));
    Document d = parse(CurvePlot.svg(pts, "t"));
    List<Double> lengths = new ArrayList<>();
    NodeList segs = d.getElementsByTagName("line");
    for (int i = 0; i < segs.getLength(); i++) {
      Element e = (Element) segs.item(i);
      if (e.getAttribute("stroke").equals("#1f77b4")
          && e.getAttribute("x1").equals(e.getAttribute("x2"))) {
        lengths.add(
            Math.abs(
                Double.parseDouble(e.getAttribute("y2"))
                    - Double.parseDouble(e.getAttribute("y1"))));
      }
    }
    assertEquals(2, lengths.size());
    assertEquals(2.0, lengths.get(0) / lengths.get(1), 0.01, "0.5's bar first (sorted by x)");
  }

  @Test
  void oneFractionComparesMethodsAsCategoriesWithoutBarsForSingleTrials() throws Exception {
    Document d =
        parse(
            CurvePlot.svg(
                List.of(
                    new CurvePoint("standard", 1.0, 100, 0.9, Double.NaN, 1),
                    new CurvePoint("saln", 1.0, 100, 0.91, 0.0, 1)),
                "t"));
    assertEquals(0, d.getElementsByTagName("polyline").getLength(), "single points, no lines");
    List<String> texts = texts(d);
    assertTrue(
        texts.contains("Method, trained on 100% of the training set (n=100)"),
        "one fraction: the methods become the x categories: " + texts);
    assertEquals(2, texts.stream().filter("saln"::equals).count(), "legend and x tick");
  }

  @Test
  void refusesEmptyCurvesAndAccuracyOutsideZeroToOne() {
    assertThrows(IllegalArgumentException.class, () -> CurvePlot.svg(List.of(), "t"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CurvePoint("semantic", 0.9, 1800, 86.5, 0.3, 3));
    assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new CurvePoint("x", 0, 1, 0.5, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new CurvePoint("x", 1, 1, 0.5, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> new CurvePoint("x", 1, 1, 0.5, 0, 0));
  }

  @Test
  void readsCurveCsvAndNamesTheBadLine(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("curve.csv");
    Files.writeString(
        csv,
        "method,fraction,n_train,mean,std,n\n"
            + "semantic,1.0,2000,0.861,0.004,3\n"
            + "random,0.9,1800,0.85,nan,1\n");
    List<CurvePoint> pts = CurveCsv.read(csv);
    assertEquals(new CurvePoint("semantic", 1.0, 2000, 0.861, 0.004, 3), pts.get(0));
    assertTrue(Double.isNaN(pts.get(1).std()));

    Files.writeString(csv, "method,fraction,n_train,mean,std,n\nsemantic,1.0,2000,86.1,0.4,3\n");
    DatasetException e = assertThrows(DatasetException.class, () -> CurveCsv.read(csv));
    assertTrue(e.getMessage().startsWith(csv + ": line 2: "), e.getMessage());
    // What winnow curve writes: the wall time of a run last.
    Files.writeString(
        csv,
        "method,fraction,n_train,mean,std,n,mean_wall_seconds\n"
            + "saln,1,2000,0.85,0.01,2,412.5\n");
    assertEquals(new CurvePoint("saln", 1, 2000, 0.85, 0.01, 2, 412.5), CurveCsv.read(csv).get(0));
    Files.writeString(
        csv, "method,fraction,n_train,mean,std,n,mean_wall_seconds\nsaln,1,2000,0.85,0.01,2,-1\n");
    e = assertThrows(DatasetException.class, () -> CurveCsv.read(csv));
    assertTrue(
        e.getMessage().contains("line 2: saln at fraction 1.0: mean_wall_seconds"), e.getMessage());
    Files.writeString(csv, "method,fraction,mean\nsemantic,1.0,0.8\n");
    e = assertThrows(DatasetException.class, () -> CurveCsv.read(csv));
    assertTrue(e.getMessage().contains("no 'n_train' column"), e.getMessage());
  }
}
