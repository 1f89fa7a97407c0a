package org.winnow.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.Progress;
import org.winnow.datasets.synthetic.SyntheticBinaries;

/**
 * A library call opens no socket, even without {@code DJL_OFFLINE}: a child JVM embeds a small
 * dataset with {@link Embedder#embed}, which loads DJL's engine, under {@code strace -f -e
 * trace=connect}; every {@code connect()} must go to a local address. DJL 0.35 left alone asks
 * 169.254.169.254 for cloud metadata when its engine loads ({@link org.winnow.nets.OfflineDjl}).
 *
 * <p>The child runs in an empty network namespace ({@code unshare -n}), so even a failure of this
 * test sends nothing off the machine. Skipped where {@code unshare -n} or {@code strace} is missing
 * or not permitted.
 */
class NoNetworkTest {

  @TempDir Path dir;

  /** Embeds the dataset at {@code args[0]} into {@code args[1]}. */
  public static void main(String[] args) {
    Embedder.embed(
        Datasets.open(Path.of(args[0])),
        KillAndResumeTest.options(),
        Path.of(args[1]),
        "t",
        Progress.NONE);
    System.out.println("embedded");
  }

  /** A connect() to an IPv4 or IPv6 address, as strace prints it. */
  private static final Pattern INET_CONNECT =
      Pattern.compile(
          "connect\\(.*sa_family=AF_INET6?,.*?(?:inet_addr|inet_pton)\\((?:AF_INET6, )?\"([^\"]+)\"");

  @Test
  void anEmbeddingRunWithoutDjlOfflineConnectsNowhere() throws Exception {
    assumeTrue(
        ForkedJvm.toolRuns("unshare", "-n", "true"),
        "unshare -n is not available or not permitted");
    assumeTrue(ForkedJvm.toolRuns("strace", "-V"), "strace is not installed");
    Path data = dir.resolve("data");
    SyntheticBinaries.writeIdx(data, 16, 8, 12, 12, false, 9);
    Path trace = dir.resolve("connect.trace");
    List<String> command =
        new ArrayList<>(
            List.of("unshare", "-n", "strace", "-f", "-qq", "-e", "trace=connect", "-o"));
    command.add(trace.toString());
    command.addAll(
        ForkedJvm.command(
            NoNetworkTest.class, "512m", data.toString(), dir.resolve("e.h5").toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("DJL_OFFLINE");
    pb.environment().remove("OPT_OUT_TRACKING");
    Path log = dir.resolve("child.log");
    Process child = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the child did not finish in 180 s");
    assertEquals(0, child.exitValue(), Files.readString(log));
    assertTrue(Files.readString(log).contains("embedded"), Files.readString(log));

    List<String> remote = new ArrayList<>();
    for (String line : Files.readAllLines(trace)) {
      Matcher m = INET_CONNECT.matcher(line);
      if (m.find() && !isLocal(m.group(1))) {
        remote.add(line);
      }
    }
    assertEquals(List.of(), remote, "connect() calls to other machines");
  }

  private static boolean isLocal(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("0.0.0.0");
  }
}
