package org.winnow.datasets.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.datasets.ImageDataset;
import org.winnow.datasets.Sample;
import org.winnow.datasets.Split;

/** The checks that need nothing but the JDK: the Java runtime, the Maven repository, the sample. */
public final class BasicChecks {

  /** The oldest Java feature release Winnow runs on. */
  public static final int MIN_JAVA = 25;

  private static final String RESTORE_SAMPLE =
      "restore it with 'git checkout -- datasets/sample' in the Winnow clone, and run through"
          + " ./winnow, which points there";

  private BasicChecks() {}

  /** The running Java. */
  public static Check java() {
    return java(
        Runtime.version(), System.getProperty("java.vendor"), System.getProperty("java.home"));
  }

  /** A Java of this version, vendor and home folder. */
  public static Check java(Runtime.Version version, String vendor, String home) {
    String found = "Java " + version + " (" + vendor + ") in " + home;
    return version.feature() >= MIN_JAVA
        ? Check.ok("java", found + ", " + MIN_JAVA + " or newer")
        : Check.problem(
            "java",
            found + ", older than " + MIN_JAVA,
            "install a JDK "
                + MIN_JAVA
                + " or newer (e.g. Eclipse Temurin "
                + MIN_JAVA
                + ") and set JAVA_HOME to it");
  }

  /** Maven's local repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
  public static Path defaultMavenRepository() {
    String local = System.getProperty("maven.repo.local");
    return local != null && !local.isBlank()
        ? Path.of(local)
        : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** The Maven repository the build downloads Winnow's libraries into. */
  public static Check mavenRepository(Path repository) {
    return Files.isDirectory(repository)
        ? Check.ok("maven repository", repository + " (the libraries the build downloaded)")
        : Check.problem(
            "maven repository",
            repository + " does not exist",
            "run ./mvnw package once with network access; it downloads Winnow's libraries there");
  }

  /** The bundled Fashion-MNIST sample, opened and counted. */
  public static Check bundledSample(Path folder) {
    if (!Files.isDirectory(folder)) {
      return Check.problem("bundled sample", folder + " is missing", RESTORE_SAMPLE);
    }
    try {
      ImageDataset dataset = Datasets.open(folder);
      long train =
          dataset.samples().stream().map(Sample::split).filter(Split.TRAIN::equals).count();
      long test = dataset.samples().stream().map(Sample::split).filter(Split.TEST::equals).count();
      return Check.ok(
          "bundled sample",
          String.format(
              Locale.ROOT,
              "%s: %,d train and %,d test images, %d classes",
              folder,
              train,
              test,
              dataset.classNames().size()));
    } catch (DatasetException e) {
      return Check.problem("bundled sample", e.getMessage(), RESTORE_SAMPLE);
    }
  }
}
