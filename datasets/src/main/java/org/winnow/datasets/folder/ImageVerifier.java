package org.winnow.datasets.folder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.winnow.datasets.BadFile;
import org.winnow.datasets.ColorMode;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Progress;

/**
 * Decodes every image of a scan once, on all cores, to find the truncated and corrupt files that
 * only decoding reveals.
 */
final class ImageVerifier {

  private ImageVerifier() {}

  /**
   * The files that do not decode, in the order of {@code images}.
   *
   * @param images the files to decode, sorted
   * @param color the colour mode {@code decode} will use, so that verification runs the same code
   * @param progress gets {@code start("verify", n)}, one {@code advance(1)} per file, {@code
   *     finish()}
   */
  static List<BadFile> verify(
      Path root, List<ImageFile> images, ColorMode color, Progress progress) {
    String[] problems = new String[images.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < problems.length; i = next.getAndIncrement()) {
            try {
              ImageFileReader.read(root.resolve(images.get(i).source()), color);
            } catch (UnusableImageException e) {
              problems[i] = e.getMessage();
            }
            progress.advance(1);
          }
        };
    int threads = Math.min(Runtime.getRuntime().availableProcessors(), Math.max(1, images.size()));
    progress.start("verify", images.size());
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(pool.submit(worker));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatasetException(root + ": interrupted while verifying images", e);
    } catch (ExecutionException e) {
      // A bug or an Error such as OutOfMemoryError, not a bad file: let it surface as it is.
      switch (e.getCause()) {
        case RuntimeException r -> throw r;
        case Error err -> throw err;
        default -> throw new IllegalStateException(e.getCause());
      }
    }
    progress.finish();
    List<BadFile> bad = new ArrayList<>();
    for (int i = 0; i < problems.length; i++) {
      if (problems[i] != null) {
        bad.add(new BadFile(images.get(i).source(), problems[i]));
      }
    }
    return bad;
  }
}
