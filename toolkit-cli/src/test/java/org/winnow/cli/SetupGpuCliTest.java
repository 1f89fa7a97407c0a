package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.ForkedJvm;
import org.winnow.datasets.doctor.NvidiaGpus;
import org.winnow.nets.OfflineDjl;

/**
 * {@code winnow setup-gpu} and what {@code winnow doctor} says about GPUs, each in a fresh JVM with
 * its own cache and configuration folders, so that nothing here touches the user's. The download
 * itself needs the internet and a GPU, so it is tested only where it must fail: in an empty network
 * namespace. The steps after it (check offline, record, load the record in a later command) run on
 * a "cpu" build made of the bundled library.
 */
class SetupGpuCliTest {

  @TempDir Path dir;

  record Child(int code, String out, String err) {}

  /** Runs {@code winnow args} in a fresh JVM, with {@code env} added, under {@code wrapper}. */
  private Child winnow(List<String> wrapper, Map<String, String> env, String... args)
      throws Exception {
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(ForkedJvm.command(Winnow.class, "1g", args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("WINNOW_CONFIG_DIR", dir.resolve("config").toString());
    pb.environment().put("ENGINE_CACHE_DIR", dir.resolve("later-cache").toString());
    pb.environment().putAll(env);
    Path out = dir.resolve("child.out");
    Path err = dir.resolve("child.err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "winnow " + String.join(" ", args) + " hung");
    Child c = new Child(p.exitValue(), Files.readString(out), Files.readString(err));
    Files.delete(out);
    Files.delete(err);
    return c;
  }

  @Test
  void withoutNetworkTheFetchTriesOnceFailsInOneLineAndRecordsNothing() throws Exception {
    assumeTrue(
        ForkedJvm.toolRuns("unshare", "-n", "true"),
        "unshare -n is not available or not permitted");
    assumeTrue(ForkedJvm.toolRuns("strace", "-V"), "strace is not installed");
    Path cache = dir.resolve("cache");
    Path trace = dir.resolve("connect.trace");
    Child c =
        winnow(
            List.of(
                "unshare",
                "-n",
                "strace",
                "-f",
                "-qq",
                "-e",
                "trace=connect",
                "-o",
                trace.toString()),
            Map.of("ENGINE_CACHE_DIR", cache.toString()),
            "setup-gpu");

    assertEquals(1, c.code(), c.out() + c.err());
    List<String> errors = c.err().lines().toList();
    assertEquals(1, errors.size(), c.err());
    assertTrue(
        errors
            .getFirst()
            .startsWith(
                "winnow: error: setup-gpu: could not fetch libtorch 2.7.1+cu128 from"
                    + " https://publish.djl.ai: "),
        c.err());
    assertTrue(errors.getFirst().contains("publish.djl.ai; this command needs internet"), c.err());
    assertTrue(c.out().startsWith("fetching libtorch 2.7.1+cu128"), c.out());
    assertFalse(c.out().contains("recorded"), c.out());

    // It did try: the child looked publish.djl.ai up (the resolver's connect() fails here). And
    // tracking stayed off: nothing asked the cloud metadata address.
    List<String> inet =
        Files.readAllLines(trace).stream()
            .filter(l -> l.contains("connect(") && l.matches(".*sa_family=AF_INET6?,.*"))
            .toList();
    assertFalse(inet.isEmpty(), "no connect() attempt was traced");
    assertTrue(inet.stream().noneMatch(l -> l.contains("169.254.169.254")), inet.toString());

    // No record, no library folder, no partial download.
    assertFalse(Files.exists(dir.resolve("config")));
    try (Stream<Path> left = Files.walk(cache)) {
      assertEquals(List.of(), left.filter(Files::isRegularFile).toList());
    }
    try (Stream<Path> left = Files.list(cache.resolve("pytorch"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void aRecordedBuildIsLoadedOfflineByEveryLaterCommand() throws Exception {
    // A "downloaded" build in the cache: the bundled CPU library's files, linked.
    OfflineDjl.apply();
    Engine.getInstance();
    Path bundled = Path.of(LibUtils.getLibtorchPath());
    Path cache = dir.resolve("cache");
    Path build = Files.createDirectories(cache.resolve("pytorch/2.7.1-cpu-linux-x86_64"));
    try (Stream<Path> libs = Files.list(bundled)) {
      for (Path lib : libs.filter(p -> p.getFileName().toString().startsWith("lib")).toList()) {
        Files.createSymbolicLink(build.resolve(lib.getFileName()), lib);
      }
    }

    Child setup =
        winnow(
            List.of(), Map.of("ENGINE_CACHE_DIR", cache.toString()), "setup-gpu", "--flavor=cpu");
    assertEquals(0, setup.code(), setup.out() + setup.err());
    assertFalse(setup.out().contains("fetching"), setup.out()); // it was already there
    assertTrue(setup.out().contains("checking that libtorch 2.7.1+cpu loads offline"), setup.out());
    assertTrue(
        setup.out().contains("recorded libtorch 2.7.1+cpu in " + build + " (0 GPUs) in "),
        setup.out());
    Properties record = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("config/libtorch.properties"))) {
      record.load(in);
    }
    assertEquals(build.toString(), record.getProperty("library"));
    assertEquals("cpu", record.getProperty("flavor"));

    // A later command, with another engine cache: the record alone points DJL at the build.
    Child doctor = winnow(List.of(), Map.of(), "doctor");
    assertTrue(
        doctor
            .out()
            .lines()
            .anyMatch(
                l ->
                    l.matches("ok +GPU setup +libtorch 2\\.7\\.1\\+cpu in \\Q" + build + "\\E.*")
                        && l.endsWith(": in use")),
        doctor.out());

    // The user's own PYTORCH_LIBRARY_PATH wins over the record.
    Child overridden =
        winnow(List.of(), Map.of("PYTORCH_LIBRARY_PATH", bundled.toString()), "doctor");
    assertTrue(overridden.out().contains(": not in use, DJL loaded " + bundled), overridden.out());

    // A record whose folder is gone is a problem with its fix, and the CPU build runs.
    Files.walk(build).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    Child gone = winnow(List.of(), Map.of(), "doctor");
    assertEquals(1, gone.code(), gone.out());
    assertTrue(gone.out().contains("but the folder holds no libtorch.so"), gone.out());
    assertTrue(gone.out().contains("fix: rerun ./winnow setup-gpu, or delete "), gone.out());
  }

  @Test
  void aBadFlavorIsAUsageError() {
    WinnowCliTest.Result r = WinnowCliTest.run("setup-gpu", "--flavor=rocm");
    assertEquals(2, r.code(), r.out() + r.err());
    assertTrue(r.err().startsWith("winnow: --flavor must be cpu or cuNNN, not 'rocm'"), r.err());
    assertTrue(WinnowCliTest.run("--help").out().contains("setup-gpu"));
  }

  @Test
  void doctorNamesAnNvidiaGpuThatDjlDoesNotUseAndTheCommandThatFixesIt() throws Exception {
    assumeTrue(
        NvidiaGpus.detect().isEmpty(), "this machine has an NVIDIA GPU: the fake would not count");
    WinnowCliTest.Result none = WinnowCliTest.run("doctor");
    assertFalse(none.out().contains("NVIDIA GPU"), none.out());
    assertFalse(none.out().contains("setup-gpu"), none.out());

    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path smi = bin.resolve("nvidia-smi");
    Files.writeString(smi, "#!/bin/sh\necho 'GPU 0: NVIDIA H200 (UUID: GPU-0000)'\n");
    Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    Child c = winnow(List.of(), Map.of("PATH", bin + ":" + System.getenv("PATH")), "doctor");
    assertEquals(1, c.code(), c.out() + c.err());
    List<String> lines = c.out().lines().toList();
    int i = 0;
    while (i < lines.size() && !lines.get(i).startsWith("PROBLEM  NVIDIA GPU")) {
      i++;
    }
    assertTrue(i < lines.size(), c.out());
    assertTrue(
        lines
            .get(i)
            .endsWith(
                "1 on this machine (NVIDIA H200), 0 visible to DJL: the bundled CPU"
                    + " build of libtorch is in use"),
        lines.get(i));
    assertTrue(
        lines
            .get(i + 1)
            .strip()
            .startsWith("fix: run ./winnow setup-gpu once with internet access"),
        lines.get(i + 1));
  }
}
