package org.winnow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.winnow.datasets.doctor.BasicChecks;
import org.winnow.prune.NativeBlas;
import picocli.CommandLine;

/** {@code winnow doctor} on this machine, as surefire runs it (offline, bundled OpenBLAS). */
class DoctorCliTest {

  @BeforeAll
  static void pointAtTheRepository() {
    System.setProperty("winnow.home", Path.of("..").toAbsolutePath().normalize().toString());
  }

  @Test
  void everyCheckIsNamedAndPassesHere() {
    WinnowCliTest.Result r = WinnowCliTest.run("doctor");
    assertEquals(0, r.code(), r.out() + r.err());
    for (String name :
        List.of(
            "java",
            "DJL engine",
            "device",
            "DJL cache",
            "engine cache",
            "offline mode",
            "native BLAS",
            "maven repository",
            "bundled sample")) {
      assertTrue(
          r.out().lines().anyMatch(l -> l.matches("ok +" + name + " .*")), name + "\n" + r.out());
    }
    assertTrue(r.out().contains("libopenblas.so loads from "), r.out());
    assertTrue(r.out().contains("2,000 train and 500 test images"), r.out());
    assertTrue(r.out().endsWith("All 9 checks passed.\n"), r.out());
  }

  @Test
  void aFailingCheckPrintsItsFixAndExitsOne() {
    StringWriter out = new StringWriter();
    CommandLine cl =
        new CommandLine(
            new DoctorCommand(
                () -> List.of(BasicChecks.java(), NativeBlas.check("winnow-no-such-blas"))));
    cl.setOut(new PrintWriter(out, true));
    assertEquals(1, cl.execute());
    List<String> lines = out.toString().lines().toList();
    assertEquals(4, lines.size(), out.toString());
    assertTrue(lines.get(0).startsWith("ok       java         Java "), lines.get(0));
    assertTrue(
        lines.get(1).startsWith("PROBLEM  native BLAS  libwinnow-no-such-blas.so does not load"),
        lines.get(1));
    assertTrue(
        lines.get(2).startsWith(" ".repeat(22) + "fix: use WINNOW_BLAS=bundled"), lines.get(2));
    assertEquals("1 of 2 checks found a problem; each fix is under it.", lines.get(3));
  }

  @Test
  void helpHasExamples() {
    WinnowCliTest.Result r = WinnowCliTest.run("doctor", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("Examples:"), r.out());
    assertTrue(WinnowCliTest.run("--help").out().contains("doctor"));
  }
}
