package org.winnow.spark.embed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.winnow.datasets.Image;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;

/**
 * Writes samples of a Winnow dataset (the bundled Fashion-MNIST sample, Debian's Fashion-MNIST) as
 * an ImageNet-style folder of grey PNGs, {@code root/<class>/<NNNNN>.png} ({@code /} in a class
 * name becomes {@code _}), for the tests and the benchmark: Spark embeds image files.
 */
final class PngFolders {

  private PngFolders() {}

  /** Writes {@code samples} of the one-channel {@code dataset} under {@code root}. */
  static void write(ImageDataset dataset, List<Sample> samples, Path root) throws IOException {
    for (int i = 0; i < samples.size(); i++) {
      Sample s = samples.get(i);
      Image img = dataset.decode(s);
      BufferedImage b = new BufferedImage(img.width(), img.height(), BufferedImage.TYPE_BYTE_GRAY);
      b.getRaster().setDataElements(0, 0, img.width(), img.height(), img.pixels());
      Path file =
          root.resolve(s.className().replace('/', '_'))
              .resolve(String.format(Locale.ROOT, "%05d.png", i));
      Files.createDirectories(file.getParent());
      ImageIO.write(b, "png", file.toFile());
    }
  }
}
