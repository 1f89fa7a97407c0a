package org.winnow.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Stress harness for issue 12 item 10 (SIGSEGV in {@code libtorch_cpu.so} at {@code
 * at::accelerator::getAccelerator}): starts the engine and stops it in many fresh JVMs while decode
 * prefetch threads are running. Each run is {@code winnow train} or {@code winnow embed} on a small
 * synthetic folder dataset with {@code --workers 2}; three in four are stopped with SIGTERM a
 * random 0–2.5 s after the engine is up and the work has begun (the exit that crashed: the JVM's
 * signal thread runs libtorch's static destructors while the main thread is in a step), the rest
 * run to their end. A run crashed when it exits with neither 0 nor 143 (SIGTERM), or leaves an
 * {@code hs_err} file, or prints "fatal error". Not a unit test (about 5 s a run); see
 * BENCHMARKS.md.
 *
 * <p>Arguments: a scratch folder, the number of runs (default 50), the seed (default 1).
 */
public final class EngineExitStress {

  private EngineExitStress() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/winnow-exit-stress");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Random random = new Random(args.length > 2 ? Long.parseLong(args[2]) : 1);
    Path data = dir.resolve("data");
    if (!Files.isDirectory(data)) {
      writeDataset(data, new Random(7));
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    int crashes = 0;
    int killed = 0;
    int finished = 0;
    for (int i = 0; i < runs; i++) {
      Path runDir = dir.resolve("run-" + i);
      deleteTree(runDir);
      Files.createDirectories(runDir);
      boolean train = i % 2 == 0;
      // Three runs in four are stopped at a random moment of their work; those get more work.
      boolean kill = random.nextInt(4) != 0;
      List<String> cmd = new ArrayList<>();
      cmd.addAll(
          List.of(
              java,
              "--enable-native-access=ALL-UNNAMED",
              "-XX:ErrorFile=" + runDir.resolve("hs_err_pid%p.log"),
              "-cp",
              cp,
              "org.winnow.cli.Winnow"));
      if (train) {
        cmd.addAll(
            List.of(
                "train",
                "--data",
                data.toString(),
                "--arch",
                "resnet20",
                "--epochs",
                kill ? "30" : "1",
                "--batch-size",
                "16",
                "--workers",
                "2",
                "--out",
                runDir.resolve("out").toString()));
      } else {
        cmd.addAll(
            List.of(
                "embed",
                "--data",
                data.toString(),
                "--model",
                "resnet20",
                "--batch-size",
                "8",
                "--image-size",
                kill ? "96" : "32",
                "--workers",
                "2",
                "--out",
                runDir.resolve("out.h5").toString()));
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(runDir.toFile());
      pb.environment().put("DJL_OFFLINE", "true");
      pb.redirectErrorStream(true).redirectOutput(runDir.resolve("output.txt").toFile());
      long delayMs = random.nextInt(2500);
      long t0 = System.nanoTime();
      Process p = pb.start();
      if (kill
          && started(p, runDir.resolve("output.txt"), train ? "training " : "Device")
          && !p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
        p.destroy(); // SIGTERM
      }
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor();
      }
      int code = p.exitValue();
      double seconds = (System.nanoTime() - t0) / 1e9;
      String output = Files.readString(runDir.resolve("output.txt"));
      boolean hsErr;
      try (Stream<Path> s = Files.list(runDir)) {
        hsErr = s.anyMatch(f -> f.getFileName().toString().startsWith("hs_err"));
      }
      boolean crashed =
          hsErr || output.contains("fatal error") || (code != 0 && code != 143 && code != 130);
      if (crashed) {
        crashes++;
      } else if (code == 0) {
        finished++;
      } else {
        killed++;
      }
      System.out.printf(
          "run %2d %-5s %s exit %3d after %5.1f s%s%n",
          i,
          train ? "train" : "embed",
          kill
              ? String.format("SIGTERM %4d ms into the work", delayMs)
              : "to the end                  ",
          code,
          seconds,
          crashed ? "  CRASH (" + runDir + ")" : "");
    }
    System.out.printf(
        "%d runs: %d stopped by SIGTERM while working, %d finished, %d crashes%n",
        runs, killed, finished, crashes);
    System.exit(crashes == 0 ? 0 : 1);
  }

  /** Waits until the engine is up and the work begins: the command prints {@code marker}. */
  private static boolean started(Process p, Path output, String marker)
      throws IOException, InterruptedException {
    while (p.isAlive()) {
      if (Files.readString(output).contains(marker)) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Two classes of 96 noisy 32×32 PNGs, one colour each, so that training has something. */
  private static void writeDataset(Path data, Random random) throws IOException {
    for (String cls : List.of("a", "b")) {
      Path folder = Files.createDirectories(data.resolve(cls));
      for (int k = 0; k < 96; k++) {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            int v = random.nextInt(128);
            img.setRGB(x, y, cls.equals("a") ? (v + 127) << 16 | v : v << 16 | (v + 127));
          }
        }
        ImageIO.write(img, "png", folder.resolve(String.format("%03d.png", k)).toFile());
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
        Files.delete(p);
      }
    }
  }
}
