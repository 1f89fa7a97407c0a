package org.winnow.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.Datasets;
import org.winnow.prune.advise.AdviceFile;

/**
 * What to put in a report and where to write it.
 *
 * @param pruneFolders prune output folders, each with {@code summary.json} and {@code groups.csv};
 *     shown in this order
 * @param embeddings the embeddings file, when it is not (or no longer) where the summaries record
 *     it
 * @param data the dataset folder, when it is not (or no longer) where the embeddings record it
 * @param curve a {@code curve.csv}, if any
 * @param active a {@code winnow active simulate} output folder ({@code rounds.csv}, {@code
 *     active.svg}), if any
 * @param advise a {@code winnow advise} output folder ({@code advice.json}, {@code probe.svg}), if
 *     any
 * @param out the HTML file to write
 * @param overwrite whether an existing {@code out} may be replaced
 * @param groupsPerClass how many of each class's largest redundant groups the gallery shows
 * @param maxMembers at most this many thumbnails per group (the rest are counted)
 * @param version the Winnow version, for the manifest
 */
public record ReportRequest(
    List<Path> pruneFolders,
    Optional<Path> embeddings,
    Optional<Path> data,
    Optional<Path> curve,
    Optional<Path> active,
    Optional<Path> advise,
    Path out,
    boolean overwrite,
    int groupsPerClass,
    int maxMembers,
    String version) {

  /** The file name of a prune output's summary. */
  public static final String SUMMARY = "summary.json";

  /** The file name of a prune output's groups. */
  public static final String GROUPS = "groups.csv";

  /** The curve table's file name. */
  public static final String CURVE = "curve.csv";

  /** Validates the request. */
  public ReportRequest {
    pruneFolders = List.copyOf(pruneFolders);
    Objects.requireNonNull(embeddings, "embeddings");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(active, "active");
    Objects.requireNonNull(advise, "advise");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(version, "version");
    if (pruneFolders.isEmpty()) {
      throw new IllegalArgumentException("a report needs at least one prune output");
    }
    if (groupsPerClass < 0 || maxMembers < 1) {
      throw new IllegalArgumentException(
          "groups per class must be >= 0 and members per group >= 1");
    }
  }

  /** A request without an active-learning or an advice section. */
  public ReportRequest(
      List<Path> pruneFolders,
      Optional<Path> embeddings,
      Optional<Path> data,
      Optional<Path> curve,
      Path out,
      boolean overwrite,
      int groupsPerClass,
      int maxMembers,
      String version) {
    this(
        pruneFolders,
        embeddings,
        data,
        curve,
        Optional.empty(),
        Optional.empty(),
        out,
        overwrite,
        groupsPerClass,
        maxMembers,
        version);
  }

  /** The table of an active-learning simulation's folder. */
  public static final String ROUNDS = "rounds.csv";

  /** Its plot, inlined in the report. */
  public static final String ACTIVE_SVG = "active.svg";

  /**
   * The prune outputs in a folder, which may be:
   *
   * <ul>
   *   <li>a {@code winnow prune} output for one fraction ({@code summary.json}, {@code
   *       groups.csv});
   *   <li>one for several fractions (sub-folders {@code keep-<f>}, each as above), returned from
   *       the largest fraction down;
   *   <li>a {@code winnow run} folder: either of the above in {@code DIR/prune/}.
   * </ul>
   *
   * The first of these that is present is used.
   *
   * @throws DatasetException naming the folder when it holds none of these
   */
  public static List<Path> pruneFoldersIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(
          dir + (Files.exists(dir) ? ": is not a folder" : ": no such folder"));
    }
    for (Path candidate : List.of(dir, dir.resolve("prune"))) {
      if (Files.isRegularFile(candidate.resolve(SUMMARY))) {
        return List.of(candidate);
      }
      List<Path> subs = new ArrayList<>();
      if (Files.isDirectory(candidate)) {
        for (Path p : Datasets.visibleChildren(candidate)) {
          if (p.getFileName().toString().startsWith("keep-")
              && Files.isRegularFile(p.resolve(SUMMARY))) {
            subs.add(p);
          }
        }
      }
      if (!subs.isEmpty()) {
        subs.sort(
            (a, b) -> Double.compare(fractionOf(b.getFileName()), fractionOf(a.getFileName())));
        return subs;
      }
    }
    throw new DatasetException(
        dir
            + ": no prune output here (looked for "
            + SUMMARY
            + ", keep-*/"
            + SUMMARY
            + ", prune/"
            + SUMMARY
            + " and prune/keep-*/"
            + SUMMARY
            + ")");
  }

  /**
   * The curve table of a run folder, if it has one: {@code DIR/curve/curve.csv} or {@code
   * DIR/curve.csv}.
   */
  public static Optional<Path> curveIn(Path dir) {
    for (Path p : List.of(dir.resolve("curve").resolve(CURVE), dir.resolve(CURVE))) {
      if (Files.isRegularFile(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The folder {@code winnow advise --out DIR/advise} writes into a run folder. */
  public static final String ADVISE = "advise";

  /** A run folder's {@code winnow advise} output, if it has one: {@code DIR/advise}. */
  public static Optional<Path> adviseIn(Path dir) {
    Path p = dir.resolve(ADVISE);
    return Files.isRegularFile(p.resolve(AdviceFile.JSON)) ? Optional.of(p) : Optional.empty();
  }

  /** A request for everything in a run or prune folder, with the default gallery sizes. */
  public static ReportRequest forRun(Path dir, Path out, boolean overwrite, String version) {
    return new ReportRequest(
        pruneFoldersIn(dir),
        Optional.empty(),
        Optional.empty(),
        curveIn(dir),
        Optional.empty(),
        adviseIn(dir),
        out,
        overwrite,
        DEFAULT_GROUPS_PER_CLASS,
        DEFAULT_MAX_MEMBERS,
        version);
  }

  /** The gallery shows this many groups per class unless told otherwise. */
  public static final int DEFAULT_GROUPS_PER_CLASS = 3;

  /** And at most this many members of each. */
  public static final int DEFAULT_MAX_MEMBERS = 48;

  private static double fractionOf(Path name) {
    try {
      return Double.parseDouble(name.toString().substring("keep-".length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
