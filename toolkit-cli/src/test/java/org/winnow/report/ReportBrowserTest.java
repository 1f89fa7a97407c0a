package org.winnow.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Progress;

/**
 * Renders a report in headless Chromium and checks the screenshot is a real page: the kept samples'
 * green outlines, the histogram bars and the thumbnails are there. Skipped, with a message, when no
 * Chromium is installed (Debian: {@code apt-get install chromium}). The screenshot is left in
 * {@code target/report-screenshot.png} for a person to look at.
 */
class ReportBrowserTest {

  static final int WIDTH = 1280;
  static final int HEIGHT = 3200;

  static Optional<Path> chromium() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
    Optional<Path> browser = chromium();
    if (browser.isEmpty()) {
      System.out.println(
          "ReportBrowserTest SKIPPED: no chromium on PATH (apt-get install chromium)");
    }
    Assumptions.assumeTrue(browser.isPresent(), "no chromium on PATH (apt-get install chromium)");

    Path emb = ReportFixture.embeddings(dir, 30, null);
    Path pruned = ReportFixture.prune(emb, dir.resolve("pruned"), List.of(0.7));
    Path html = dir.resolve("report.html");
    HtmlReport.write(
        new ReportRequest(
            List.of(pruned),
            Optional.empty(),
            Optional.empty(),
            Optional.of(ReportFixture.curve(dir.resolve("curve.csv"))),
            html,
            false,
            2,
            48,
            "test"),
        Progress.NONE);

    Path shot = dir.resolve("shot.png");
    Process p =
        new ProcessBuilder(
                browser.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"),
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--screenshot=" + shot,
                html.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("chromium.log").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    assertTrue(
        Files.isRegularFile(shot),
        "screenshot written: " + Files.readString(dir.resolve("chromium.log")));
    Files.createDirectories(Path.of("target"));
    Files.copy(shot, Path.of("target/report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);

    BufferedImage img = ImageIO.read(shot.toFile());
    assertEquals(WIDTH, img.getWidth());
    Set<Integer> colours = new HashSet<>();
    int green = 0;
    int bars = 0;
    int gray = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        green += near(rgb, 0x1a9e3c) ? 1 : 0;
        bars += near(rgb, 0x4c78a8) ? 1 : 0;
        int r = rgb >> 16;
        gray += r > 60 && r < 200 && r == ((rgb >> 8) & 255) && r == (rgb & 255) ? 1 : 0;
      }
    }
    assertTrue(colours.size() > 200, "a rendered page, not a blank one: " + colours.size());
    // Each kept thumbnail has a 4-pixel green frame of about 4 x 96 x 4 pixels.
    assertTrue(green > 5 * 1400, "green outlines of the kept samples: " + green);
    assertTrue(bars > 2000, "histogram bars: " + bars);
    assertTrue(gray > 20_000, "grey Fashion-MNIST thumbnails: " + gray);
  }

  private static boolean near(int rgb, int want) {
    return Math.abs((rgb >> 16) - (want >> 16)) < 16
        && Math.abs(((rgb >> 8) & 255) - ((want >> 8) & 255)) < 16
        && Math.abs((rgb & 255) - (want & 255)) < 16;
  }
}
