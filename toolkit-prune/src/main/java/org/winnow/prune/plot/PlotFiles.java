package org.winnow.prune.plot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.WriteFailures;

/** Renders one drawing to PNG and SVG and writes each file through a temporary sibling. */
final class PlotFiles {

  /** PNG pixels per SVG pixel: sharp on high-density screens and in print. */
  static final int PNG_SCALE = 2;

  private PlotFiles() {}

  /** The SVG text of a drawing. */
  static String svg(int width, int height, Consumer<Canvas> drawing) {
    SvgCanvas c = new SvgCanvas(width, height);
    drawing.accept(c);
    return c.document();
  }

  /**
   * Writes the drawing as {@code png} and {@code svg}; either may be null to skip it. Each file is
   * complete or absent.
   */
  static void write(int width, int height, Consumer<Canvas> drawing, Path png, Path svg)
      throws IOException {
    if (png != null) {
      PngCanvas c = new PngCanvas(width, height, PNG_SCALE);
      drawing.accept(c);
      Path temp = AtomicFiles.tempSibling(png);
      try {
        try (OutputStream out = Files.newOutputStream(temp)) {
          if (!ImageIO.write(c.image(), "png", out)) {
            throw new IOException(png + ": no PNG writer in this Java runtime");
          }
        }
        AtomicFiles.commit(temp, png);
      } catch (IOException e) {
        throw WriteFailures.naming(png, e);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
    if (svg != null) {
      AtomicFiles.writeString(svg, svg(width, height, drawing));
    }
  }
}
