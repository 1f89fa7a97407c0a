package org.winnow.datasets.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BasicChecksTest {

  @TempDir Path dir;

  @Test
  void theRunningJavaPassesAndAnOlderOneIsAProblemWithItsFix() {
    Check now = BasicChecks.java();
    assertTrue(now.ok(), now.toString());
    assertTrue(now.found().startsWith("Java " + Runtime.version().feature()), now.found());

    Check old = BasicChecks.java(Runtime.Version.parse("21.0.5+11"), "Debian", "/usr/lib/jvm/21");
    assertFalse(old.ok());
    assertEquals("Java 21.0.5+11 (Debian) in /usr/lib/jvm/21, older than 25", old.found());
    assertTrue(old.fix().contains("JAVA_HOME"), old.fix());
  }

  @Test
  void theBundledSampleIsOpenedAndCounted() {
    // Surefire runs in datasets/, where the sample lives.
    Check c = BasicChecks.bundledSample(Path.of("sample/fashion-mnist-small"));
    assertTrue(c.ok(), c.toString());
    assertTrue(c.found().endsWith(": 2,000 train and 500 test images, 10 classes"), c.found());
  }

  @Test
  void aMissingOrBrokenSampleIsAProblemWithItsFix() throws IOException {
    Check missing = BasicChecks.bundledSample(dir.resolve("nowhere"));
    assertFalse(missing.ok());
    assertTrue(missing.found().endsWith("nowhere is missing"), missing.found());
    assertTrue(missing.fix().contains("git checkout -- datasets/sample"), missing.fix());

    Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "not gzip");
    Check broken = BasicChecks.bundledSample(dir);
    assertFalse(broken.ok(), broken.toString());
    assertTrue(broken.fix().contains("git checkout"), broken.fix());
  }

  @Test
  void aMissingMavenRepositoryIsAProblem() {
    assertTrue(BasicChecks.mavenRepository(dir).ok());
    Check c = BasicChecks.mavenRepository(dir.resolve("m2"));
    assertFalse(c.ok());
    assertTrue(c.fix().startsWith("run ./mvnw package"), c.fix());
  }

  @Test
  void aFixComesWithAndOnlyWithAProblem() {
    assertThrows(IllegalArgumentException.class, () -> new Check("x", true, "fine", "do this"));
    assertThrows(IllegalArgumentException.class, () -> Check.problem("x", "broken", " "));
  }
}
