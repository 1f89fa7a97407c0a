package org.winnow.prune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * SemDeDup (Abbas, Tirumala, Simig, Ganguli and Morcos, <i>SemDeDup: Data-efficient learning at
 * web-scale through semantic deduplication</i>, 2023, section 3): spherical k-means over all
 * samples (or, with {@code --within-class}, within each class), then within each cluster the
 * members are walked from the farthest from the centroid ({@code --prefer hard}, the paper's
 * default; also what {@code auto} means here), the nearest ({@code easy}) or in a seeded random
 * order, and each member whose cosine similarity to an earlier <em>kept</em> member exceeds {@code
 * 1 - ε} is dropped as its duplicate. (The paper's code compares with every earlier member, kept or
 * not; comparing with kept ones only means every dropped sample has a kept sample it duplicates,
 * which {@code groups.csv} names with their cosine.)
 *
 * <p><b>The kept fraction is an outcome.</b> {@code --epsilon e[,e...]} selects once per ε and
 * reports the fraction each kept ({@link #thresholds()}; {@code winnow prune} then takes no {@code
 * --keep}). At a keep fraction f instead (the library's {@link #select} with fractions, {@code
 * winnow prune --keep}, {@code run}, {@code curve}) the ε is searched for: each pass scans the
 * clusters at {@value #POINTS} evenly spaced ε of the bracket, for all fractions at once, and keeps
 * the sub-bracket where the kept count crosses {@code round(f n)}; after at most {@value #PASSES}
 * passes (or on an exact hit) the ε whose count was nearest wins (ties to the smaller ε). Keep 1 is
 * ε = 0: nothing is dropped. Each {@link Selection} carries its ε and the run's ε → fraction table
 * ({@link Selection.Threshold}).
 *
 * <p>Every non-empty class keeps at least one sample: over all samples a class whose every sample
 * duplicates another class's keeps its lowest row (within a class, each cluster's first member is
 * kept anyway). Removed samples may be represented by a kept sample of another class unless {@code
 * --within-class} is given; groups are numbered by their representative's rank among all kept rows.
 * {@code --clusters auto} is {@link KMeansOptions#autoClusters} of the rows clustered together.
 * Memory: see {@link DuplicateScan}; the selector never holds an {@code n x n} matrix.
 *
 * @param options the options
 */
public record SemDeDupSelector(Options options) implements Selector {

  /** ε tried per pass of the search for a keep fraction. */
  static final int POINTS = 7;

  /** Passes of that search at most: the bracket shrinks 8-fold each, to {@code 2 / 8^12}. */
  static final int PASSES = 12;

  /** {@code --epsilon}: see {@link Options#epsilons()}. */
  public static final MethodOption EPSILON =
      new MethodOption(
          "--epsilon",
          "E[,E...]",
          "none",
          "semdedup: drop a sample whose cosine to an earlier kept one in its cluster exceeds 1-E;"
              + " one output per E, each with the fraction it kept (instead of --keep).");

  /** {@code --within-class}: see {@link Options#withinClass()}. */
  public static final MethodOption WITHIN_CLASS =
      MethodOption.flag("--within-class", "find duplicates only among samples of the same label.");

  private static final String METHOD_NAME = "semdedup";

  /** The method as the registry lists it ({@link SelectionMethods}). */
  public static final SelectionMethod METHOD =
      new SelectionMethod(
          METHOD_NAME,
          "drop near-duplicates (cos > 1 - eps) per k-means cluster",
          "SemDeDup (Abbas et al. 2023): spherical k-means clustered the samples, and within each"
              + " cluster every sample whose cosine similarity to an earlier kept sample exceeded"
              + " 1 \u2212 \u03b5 was dropped as its duplicate. The kept fraction is an outcome of"
              + " \u03b5; at a requested fraction the \u03b5 that keeps it was searched for. Each"
              + " removed sample is grouped with the kept sample it duplicates.",
          List.of(KMeansOptions.CLUSTERS, KMeansOptions.PREFER, EPSILON, WITHIN_CLASS),
          (values, seed) -> new SemDeDupSelector(Options.from(values, seed)),
          SelectionMethod.Count.OUTCOME);

  /** Which member of a cluster the scan meets first, and so keeps of a set of duplicates. */
  public enum Prefer {
    /** Farthest from the centroid first (the paper's default, and {@code --prefer auto}). */
    HARD,
    /** Nearest the centroid first. */
    EASY,
    /** A seeded shuffle of each cluster. */
    RANDOM
  }

  /**
   * Options.
   *
   * @param clusters k-means clusters over the rows clustered together; 0 for {@code auto}
   * @param order which member of a cluster the scan meets first
   * @param epsilons the ε to select at, each in (0, 2), none twice; empty ({@code --epsilon none},
   *     the default) to select at keep fractions
   * @param withinClass whether duplicates are looked for within each class only
   * @param seed the seed of k-means and of the random order
   */
  public record Options(
      int clusters, Prefer order, List<Double> epsilons, boolean withinClass, long seed) {

    /** Validates the options. */
    public Options {
      if (clusters < 0) {
        throw KMeansOptions.CLUSTERS.invalid("must be at least 1, got " + clusters);
      }
      Objects.requireNonNull(order, "order");
      epsilons = List.copyOf(epsilons);
      for (double e : epsilons) {
        if (!(e > 0 && e < 2)) {
          throw EPSILON.invalid("must be in (0, 2), got " + KeepFractions.format(e));
        }
      }
      if (new HashSet<>(epsilons).size() != epsilons.size()) {
        throw EPSILON.invalid("repeats a value: " + epsilons);
      }
    }

    /** The values of the method's command-line options, with the seed. */
    public static Options from(OptionValues values, long seed) {
      String prefer =
          KMeansOptions.prefer(values, METHOD_NAME, List.of("hard", "easy", "random", "auto"));
      return new Options(
          KMeansOptions.clusters(values),
          prefer.equals("auto") ? Prefer.HARD : Prefer.valueOf(prefer.toUpperCase(Locale.ROOT)),
          epsilons(values.text(EPSILON)),
          values.flag(WITHIN_CLASS),
          seed);
    }

    private static List<Double> epsilons(String text) {
      if (text.isBlank() || text.strip().equals("none")) {
        return List.of();
      }
      List<Double> out = new ArrayList<>();
      for (String part : text.split(",", -1)) {
        try {
          out.add(Double.parseDouble(part.strip()));
        } catch (NumberFormatException e) {
          throw EPSILON.invalid("must be numbers in (0, 2), comma-separated, got '" + text + "'");
        }
      }
      return out;
    }

    /** The clusters k-means fits over {@code n} rows, at most {@code n}. */
    int clustersFor(int n) {
      int k = clusters > 0 ? clusters : KMeansOptions.autoClusters(n);
      return Math.max(1, Math.min(k, n));
    }
  }

  /** Validates the options. */
  public SemDeDupSelector {
    Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return METHOD_NAME;
  }

  @Override
  public SortedMap<String, String> settings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(
        "clusters",
        options.clusters() > 0 ? Integer.toString(options.clusters()) : "auto: round(sqrt(n))");
    m.put("prefer", options.order().name().toLowerCase(Locale.ROOT));
    m.put("within_class", Boolean.toString(options.withinClass()));
    m.put(
        "epsilon",
        options.epsilons().isEmpty()
            ? "searched for each keep fraction"
            : options.epsilons().stream()
                .map(KeepFractions::format)
                .collect(Collectors.joining(",")));
    m.put("duplicate", "cos > 1-epsilon to an earlier kept member of the cluster");
    return m;
  }

  @Override
  public OptionalLong randomSeed() {
    // One cluster is the normalised mean of all rows, whatever the seed.
    return options.clusters() == 1 && options.order() != Prefer.RANDOM
        ? OptionalLong.empty()
        : OptionalLong.of(options.seed());
  }

  @Override
  public List<Double> thresholds() {
    return options.epsilons();
  }

  @Override
  public List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
    fractions.forEach(KeepFractions::check);
    boolean byEpsilon = !options.epsilons().isEmpty();
    if (byEpsilon && !fractions.isEmpty()) {
      throw new IllegalArgumentException(
          "--epsilon and --keep: give one (semdedup keeps what --epsilon leaves, or searches for"
              + " the epsilon that keeps --keep)");
    }
    int n = data.size();
    progress.start("semdedup k-means", n);
    int[][] clusters = clusters(data);
    progress.advance(n);
    progress.finish();
    return select(data, clusters, fractions, progress);
  }

  /**
   * The selections from clusters already made ({@link #clusters}), for {@link #select} and the
   * benchmark, which times the two steps apart.
   */
  List<Selection> select(
      EmbeddingSet data, int[][] clusters, List<Double> fractions, Progress progress) {
    int n = data.size();
    int[][] members = data.members();
    long present = Arrays.stream(members).filter(c -> c.length > 0).count();
    double[] eps =
        !options.epsilons().isEmpty()
            ? options.epsilons().stream().mapToDouble(Double::doubleValue).toArray()
            : searchEpsilons(
                n,
                (int) present,
                fractions,
                e -> scan(data, members, clusters, e).keptCounts(),
                progress);
    progress.start("semdedup", n);
    Scan scan = scan(data, members, clusters, eps);
    progress.advance(n);
    progress.finish();
    return selections(fractions, eps, scan.representative, scan.cosine);
  }

  /**
   * The selections of a scan at every ε, groups numbered by their representative's rank: at the
   * fractions searched for, or, with {@code --epsilon}, each at the fraction it kept.
   *
   * @param fractions the keep fractions the ε were searched for; none with {@code --epsilon}
   * @param eps the ε scanned at, one per fraction or the options' own
   * @param representative per ε, every row's representative (classes kept present: {@link
   *     #keepEveryClass})
   * @param cosine per ε, every row's cosine to it
   */
  public List<Selection> selections(
      List<Double> fractions, double[] eps, int[][] representative, float[][] cosine) {
    boolean byEpsilon = !options.epsilons().isEmpty();
    int n = representative.length == 0 ? 0 : representative[0].length;
    TreeMap<Double, Double> table = new TreeMap<>();
    for (int e = 0; e < eps.length; e++) {
      table.put(eps[e], Scan.kept(representative[e]) / (double) n);
    }
    List<Selection> out = new ArrayList<>();
    for (int e = 0; e < eps.length; e++) {
      double fraction = byEpsilon ? table.get(eps[e]) : fractions.get(e);
      out.add(selection(fraction, representative[e], cosine[e], eps[e], table));
    }
    return out;
  }

  // The steps of a selection over all samples, public so that an engine that runs them where the
  // rows lie (toolkit-spark) computes exactly what select does: fitPositions, centroids (on the
  // driver), assign (per block of rows), scanOrder and scanCluster (per cluster), keepEveryClass,
  // searchEpsilons and selections (on the driver).

  /** The rows (positions in {@code 0 .. n-1}) k-means is fitted on, for a set of {@code n}. */
  public int[] fitPositions(int n) {
    return DuplicateScan.fitPositions(n, options.clustersFor(n), options.seed());
  }

  /**
   * The centroids of a set of {@code n}, fitted on the embeddings at {@link #fitPositions}, in
   * their order.
   */
  public double[][] centroids(float[][] fitVectors, int n) {
    int[] all = SemanticSelector.identity(fitVectors.length);
    return DuplicateScan.centroids(
        Cosine.unitRows(fitVectors, all), options.clustersFor(n), options.seed());
  }

  /**
   * Assigns embeddings to their nearest centroid.
   *
   * @param cluster receives each row's centroid
   * @param similarity receives each row's cosine similarity to it
   */
  public static void assign(
      float[][] vectors, double[][] centroids, int[] cluster, double[] similarity) {
    DuplicateScan.assign(
        vectors, SemanticSelector.identity(vectors.length), centroids, cluster, similarity, 0);
  }

  /** The seed of each centroid's random scan order. */
  public long[] orderSeeds(int centroids) {
    return DuplicateScan.shuffleSeeds(centroids, options.seed());
  }

  /**
   * The scan order of one cluster's members given in ascending row order with their similarity to
   * the centroid: positions into them.
   */
  public static int[] scanOrder(double[] similarity, Prefer order, long orderSeed) {
    return DuplicateScan.scanOrder(similarity, order, orderSeed);
  }

  /**
   * Scans one cluster at each ε.
   *
   * @param vectors the cluster's embeddings
   * @param order positions into them in scan order
   * @param eps the ε
   * @param representative per ε, each position's representative position
   * @param cosine per ε, each position's cosine to it
   */
  public static void scanCluster(
      float[][] vectors, int[] order, double[] eps, int[][] representative, float[][] cosine) {
    DuplicateScan.scan(vectors, order, thresholds(eps), representative, cosine);
  }

  /** The clusters in scan order: over all rows, or each class's own. */
  int[][] clusters(EmbeddingSet data) {
    int[][] members = data.members();
    if (!options.withinClass()) {
      int[] all = SemanticSelector.identity(data.size());
      return DuplicateScan.clusters(
          data.vectors(), all, options.clustersFor(all.length), options.order(), options.seed());
    }
    List<int[]> out = new ArrayList<>();
    for (int c = 0; c < members.length; c++) {
      out.addAll(
          List.of(
              DuplicateScan.clusters(
                  data.vectors(),
                  members[c],
                  options.clustersFor(members[c].length),
                  options.order(),
                  RandomSelector.classSeed(options.seed(), c))));
    }
    return out.toArray(int[][]::new);
  }

  /**
   * The outcome of scanning every cluster at each ε (ε = 0: nothing dropped).
   *
   * @param representative per ε, each row's representative
   * @param cosine per ε, each row's cosine to it
   */
  private record Scan(int[][] representative, float[][] cosine) {

    static int kept(int[] rep) {
      return (int) IntStream.range(0, rep.length).filter(i -> rep[i] == i).count();
    }

    int[] keptCounts() {
      return Arrays.stream(representative).mapToInt(Scan::kept).toArray();
    }
  }

  private Scan scan(EmbeddingSet data, int[][] members, int[][] clusters, double[] eps) {
    int n = data.size();
    int[][] representative = new int[eps.length][n];
    float[][] cosine = new float[eps.length][n];
    double[] threshold = thresholds(eps);
    // One cluster after another: BLAS spreads each product over the cores, and clusters in parallel
    // on top of it ran 3 times slower on the 2-core machine under load (BENCHMARKS.md).
    for (int[] cluster : clusters) {
      DuplicateScan.scan(data.vectors(), cluster, threshold, representative, cosine);
    }
    if (!options.withinClass()) {
      for (int e = 0; e < eps.length; e++) {
        keepEveryClass(members, representative[e], cosine[e]);
      }
    }
    return new Scan(representative, cosine);
  }

  /** {@code 1 - ε} for each ε, and for ε = 0 a threshold no cosine exceeds. */
  static double[] thresholds(double[] eps) {
    double[] threshold = new double[eps.length];
    for (int e = 0; e < eps.length; e++) {
      threshold[e] = eps[e] == 0 ? Double.POSITIVE_INFINITY : 1 - eps[e];
    }
    return threshold;
  }

  /**
   * Keeps every class present after a scan over all samples: a non-empty class none of whose rows
   * is kept keeps its lowest row.
   *
   * @param members each class's rows, ascending
   * @param representative every row's representative at one ε, updated
   * @param cosine every row's cosine to it, updated
   */
  public static void keepEveryClass(int[][] members, int[] representative, float[] cosine) {
    for (int[] rows : members) {
      if (rows.length > 0 && Arrays.stream(rows).noneMatch(i -> representative[i] == i)) {
        representative[rows[0]] = rows[0]; // the class stays present
        cosine[rows[0]] = 1;
      }
    }
  }

  /**
   * The kept count of a scan over all rows at each of several ε, classes kept present: what the
   * search for a keep fraction asks of an engine, which may scan the clusters where they lie.
   */
  public interface KeptCounts {

    /** The kept count at each of {@code eps}. */
    int[] at(double[] eps);
  }

  /**
   * For each fraction, the ε whose kept count is nearest its target {@code max(present, round(f
   * n))} (see the class comment).
   *
   * @param n the samples
   * @param present the classes with at least one sample
   * @param fractions the keep fractions
   * @param keptAt the kept count of a scan at given ε
   * @param progress advanced by {@code n} per pass
   */
  public static double[] searchEpsilons(
      int n, int present, List<Double> fractions, KeptCounts keptAt, Progress progress) {
    int[] targets = new int[fractions.size()];
    for (int f = 0; f < targets.length; f++) {
      targets[f] = (int) Math.max(present, Math.round(fractions.get(f) * n));
    }
    int count = fractions.size();
    double[] lo = new double[count];
    double[] hi = new double[count];
    double[] best = new double[count];
    int[] bestGap = new int[count];
    for (int f = 0; f < count; f++) {
      hi[f] = 2;
      bestGap[f] = fractions.get(f) == 1 ? 0 : Math.abs(n - targets[f]); // ε = 0 keeps all
    }
    progress.start("semdedup epsilon search", (long) PASSES * n);
    for (int pass = 0; pass < PASSES; pass++) {
      List<Integer> open = new ArrayList<>();
      for (int f = 0; f < count; f++) {
        if (bestGap[f] > 0 && hi[f] - lo[f] > 1e-12) {
          open.add(f);
        }
      }
      if (open.isEmpty()) {
        break;
      }
      double[] eps = new double[open.size() * POINTS];
      for (int o = 0; o < open.size(); o++) {
        int f = open.get(o);
        for (int p = 0; p < POINTS; p++) {
          eps[o * POINTS + p] = lo[f] + (hi[f] - lo[f]) * (p + 1) / (POINTS + 1);
        }
      }
      int[] keptAtEps = keptAt.at(eps);
      for (int o = 0; o < open.size(); o++) {
        int f = open.get(o);
        double newLo = lo[f];
        double newHi = hi[f];
        for (int p = 0; p < POINTS; p++) {
          double e = eps[o * POINTS + p];
          int kept = keptAtEps[o * POINTS + p];
          int gap = Math.abs(kept - targets[f]);
          if (gap < bestGap[f] || gap == bestGap[f] && e < best[f]) {
            bestGap[f] = gap;
            best[f] = e;
          }
          if (kept >= targets[f]) {
            newLo = e;
            newHi = p + 1 < POINTS ? eps[o * POINTS + p + 1] : hi[f];
          }
        }
        if (newLo == lo[f]) {
          newHi = eps[o * POINTS];
        }
        lo[f] = newLo;
        hi[f] = newHi;
      }
      progress.advance(n);
    }
    progress.finish();
    return best;
  }

  /** The selection one scan gives, groups numbered by their representative's rank. */
  private Selection selection(
      double fraction,
      int[] representative,
      float[] cosine,
      double epsilon,
      SortedMap<Double, Double> table) {
    int n = representative.length;
    int[] rank = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      rank[i] = representative[i] == i ? kept++ : -1;
    }
    int[] group = new int[n];
    double[] dissimilarity = new double[n];
    for (int i = 0; i < n; i++) {
      group[i] = rank[representative[i]];
      dissimilarity[i] = representative[i] == i ? 0 : Math.clamp(1 - (double) cosine[i], 0, 2);
    }
    return new Selection(
        name(),
        fraction,
        group,
        representative.clone(),
        dissimilarity,
        java.util.Optional.of(new Selection.Threshold(epsilon, table)));
  }
}
