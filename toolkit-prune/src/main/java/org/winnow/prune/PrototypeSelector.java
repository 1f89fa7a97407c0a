package org.winnow.prune;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;

/**
 * Prototype pruning (Sorscher, Geirhos, Shekhar, Ganguli and Morcos, <i>Beyond neural scaling laws:
 * beating power law scaling via data pruning</i>, NeurIPS 2022, section 5): spherical k-means
 * ({@link SphericalKMeans}, seeded k-means++) finds prototypes, a sample's difficulty is {@code 1 -
 * cos} to its nearest centroid, and each class keeps its easiest or hardest samples.
 *
 * <ul>
 *   <li>{@link Scope#CLASS} clusters each class on its own into {@code --clusters} centroids (at
 *       most the class's size); one centroid per class is the paper's "supervised prototypes".
 *   <li>{@link Scope#GLOBAL} clusters all samples together, labels unseen ("self-supervised
 *       prototypes"); each class then ranks its own samples, so per-class counts stay exact.
 * </ul>
 *
 * <p>{@link Prefer#AUTO} follows the paper's main finding (section 3 and figure 1): with little
 * data kept, the easiest samples are best; with much kept, the hardest. The switch is at a kept
 * fraction of {@value #AUTO_THRESHOLD}: the paper's theory puts the crossover where the kept set is
 * about as large as the data the model can fit, which it does not know a priori; a half-way split
 * is the neutral choice, and the ImageNet result it cites (80% kept, hard samples, nearly full
 * accuracy) falls on the hard side. The manifest records the rule beside the fractions it was
 * applied to.
 *
 * <p>Ties in difficulty go to the earlier sample. The selections are of {@link
 * Selection.Kind#CLUSTER_DIFFICULTY}, which {@code groups.csv} shows: {@code group} is the sample's
 * k-means cluster (numbered across classes), {@code dissimilarity} its difficulty, and {@code
 * representative_id} the kept sample of its class most similar to it (itself when kept), the one
 * that stands in for it once it is removed; {@code summary.json} adds the difficulty histogram of
 * kept and removed samples ({@link PruneSummary.DifficultyHistogram}), and the manifest what {@code
 * auto} chose at each fraction ({@code prefer_chosen}). With one cluster the centroid is the
 * class's (or the set's) normalised mean, whatever the seed, so the method draws from its seed only
 * when k-means fits more than one cluster.
 *
 * @param options the options
 */
public record PrototypeSelector(Options options) implements Selector {

  /** {@link Prefer#AUTO} keeps hard samples at kept fractions at least this, easy ones below. */
  public static final double AUTO_THRESHOLD = 0.5;

  /** Lloyd steps at most, per k-means fit. */
  static final int MAX_ITERATIONS = 50;

  /** {@code --scope}: see {@link Options#scope()}. */
  public static final MethodOption SCOPE =
      new MethodOption(
          "--scope",
          "class|global",
          "class",
          "k-means within each class (uses labels) or over all samples (label-free).");

  private static final String METHOD_NAME = "prototype";

  /** The method as the registry lists it ({@link SelectionMethods}). */
  public static final SelectionMethod METHOD =
      new SelectionMethod(
          METHOD_NAME,
          "easiest or hardest per class by 1 - cos to k-means prototypes",
          "Prototype pruning (Sorscher et al. 2022): spherical k-means found prototypes, within each"
              + " class or over all samples, and a sample's difficulty is 1 \u2212 cos to its"
              + " nearest prototype. Each class kept its easiest samples (nearest a prototype) or"
              + " its hardest; 'auto' keeps hard ones when keeping at least half and easy ones"
              + " below. A sample's group is its cluster and its dissimilarity its difficulty; its"
              + " representative is the kept sample of its class most similar to it.",
          List.of(KMeansOptions.CLUSTERS, SCOPE, KMeansOptions.PREFER),
          (values, seed) -> new PrototypeSelector(Options.from(values, seed)));

  /** Where k-means runs. */
  public enum Scope {
    /** Within each class. */
    CLASS,
    /** Over all samples, labels unseen. */
    GLOBAL
  }

  /** Which end of the difficulty ranking a class keeps. */
  public enum Prefer {
    /** The lowest difficulty: nearest a centroid. */
    EASY,
    /** The highest difficulty: farthest from every centroid. */
    HARD,
    /** {@link #HARD} at kept fractions of at least {@link #AUTO_THRESHOLD}, {@link #EASY} below. */
    AUTO;

    /** The end kept at {@code fraction}: {@link #EASY} or {@link #HARD}. */
    public Prefer at(double fraction) {
      return this != AUTO ? this : fraction >= AUTO_THRESHOLD ? HARD : EASY;
    }
  }

  /**
   * Options.
   *
   * @param clusters k-means clusters, per class or over all samples; 0 for {@code auto}: 1 per
   *     class with {@link Scope#CLASS}, {@link KMeansOptions#autoClusters} with {@link
   *     Scope#GLOBAL}
   * @param scope where k-means runs
   * @param prefer which end of the ranking each class keeps
   * @param seed the k-means++ seed
   */
  public record Options(int clusters, Scope scope, Prefer prefer, long seed) {

    /** Validates the options. */
    public Options {
      if (clusters < 0) {
        throw KMeansOptions.CLUSTERS.invalid("must be at least 1, got " + clusters);
      }
      java.util.Objects.requireNonNull(scope, "scope");
      java.util.Objects.requireNonNull(prefer, "prefer");
    }

    /**
     * The clusters k-means fits over {@code n} samples (a class, or all): {@link #clusters()}, or
     * for {@code auto} 1 per class and {@link KMeansOptions#autoClusters} over all; at most {@code
     * n}.
     */
    int clustersFor(int n) {
      int k = clusters > 0 ? clusters : scope == Scope.CLASS ? 1 : KMeansOptions.autoClusters(n);
      return Math.max(1, Math.min(k, n));
    }

    /** The values of the method's command-line options, with the k-means seed. */
    public static Options from(OptionValues values, long seed) {
      return new Options(
          KMeansOptions.clusters(values),
          choice(values, SCOPE, Scope.class),
          Prefer.valueOf(
              KMeansOptions.prefer(values, METHOD_NAME, List.of("easy", "hard", "auto"))
                  .toUpperCase(Locale.ROOT)),
          seed);
    }

    private static <E extends Enum<E>> E choice(
        OptionValues values, MethodOption option, Class<E> type) {
      String text = values.text(option);
      for (E e : type.getEnumConstants()) {
        if (e.name().toLowerCase(Locale.ROOT).equals(text.strip().toLowerCase(Locale.ROOT))) {
          return e;
        }
      }
      throw option.invalid("must be one of " + option.label() + ", got '" + text + "'");
    }
  }

  /** Validates the options. */
  public PrototypeSelector {
    java.util.Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return METHOD.name();
  }

  @Override
  public SortedMap<String, String> settings() {
    TreeMap<String, String> m = new TreeMap<>();
    m.put(
        "clusters",
        options.clusters() > 0 || options.scope() == Scope.CLASS
            ? Integer.toString(Math.max(options.clusters(), 1))
            : "auto: round(sqrt(n))");
    m.put("scope", options.scope().name().toLowerCase(Locale.ROOT));
    m.put("prefer", options.prefer().name().toLowerCase(Locale.ROOT));
    if (options.prefer() == Prefer.AUTO) {
      m.put("prefer_auto", "hard at keep >= " + AUTO_THRESHOLD + ", easy below");
    }
    m.put("difficulty", "1-cos to nearest centroid");
    return m;
  }

  @Override
  public OptionalLong randomSeed() {
    boolean several =
        options.clusters() > 1 || options.clusters() == 0 && options.scope() == Scope.GLOBAL;
    return several ? OptionalLong.of(options.seed()) : OptionalLong.empty();
  }

  /**
   * The manifest's settings at {@code fractions}: with {@link Prefer#AUTO}, also what it chose at
   * each ({@code prefer_chosen}: {@code 0.9=hard,0.3=easy}, in the order given).
   */
  @Override
  public SortedMap<String, String> settings(List<Double> fractions) {
    SortedMap<String, String> m = settings();
    if (options.prefer() == Prefer.AUTO) {
      m.put(
          "prefer_chosen",
          fractions.stream()
              .map(
                  f ->
                      KeepFractions.format(f)
                          + "="
                          + options.prefer().at(f).name().toLowerCase(Locale.ROOT))
              .collect(java.util.stream.Collectors.joining(",")));
    }
    return m;
  }

  /**
   * Selects by difficulty; the selections are of {@link Selection.Kind#CLUSTER_DIFFICULTY}: a
   * sample's group is its cluster (with {@link Scope#CLASS} numbered across classes, class by
   * class, so that no two classes share one), its dissimilarity its difficulty.
   */
  @Override
  public List<Selection> select(
      EmbeddingSet data, List<Double> fractions, Progress progress, ClassCheckpoint checkpoint) {
    fractions.forEach(KeepFractions::check);
    double[][] global =
        options.scope() == Scope.GLOBAL && data.size() > 0
            ? centroids(
                Cosine.unitRows(data.vectors(), SemanticSelector.identity(data.size())),
                options.seed())
            : null;
    int[][] members = data.members();
    int[] firstGroup = new int[members.length];
    for (int c = 0, next = 0; global == null && c < members.length; c++) {
      firstGroup[c] = next;
      next += members[c].length == 0 ? 0 : options.clustersFor(members[c].length);
    }
    return PerClass.select(
            name(),
            data,
            fractions,
            PerClass.threads(0),
            c -> 0,
            Long.MAX_VALUE,
            "prototype",
            progress,
            checkpoint,
            (label, rows, out) -> {
              if (rows.length == 0) {
                return;
              }
              double[][] unit = Cosine.unitRows(data.vectors(), rows);
              double[][] centroids =
                  global != null
                      ? global
                      : centroids(unit, RandomSelector.classSeed(options.seed(), label));
              NearestNeighbours.Neighbours nearest = NearestNeighbours.search(unit, centroids, 1);
              double[] difficulty = difficulty(nearest);
              for (int f = 0; f < fractions.size(); f++) {
                double fraction = fractions.get(f);
                int[] kept =
                    Arrays.copyOf(
                        ranking(difficulty, options.prefer().at(fraction)),
                        ClassQuota.keep(rows.length, fraction));
                Arrays.sort(kept);
                out.get(f)
                    .prototypes(rows, unit, kept, nearest.index(), firstGroup[label], difficulty);
              }
            })
        .stream()
        .map(s -> s.as(Selection.Kind.CLUSTER_DIFFICULTY))
        .toList();
  }

  /** Spherical k-means centroids of {@code unit}, at most one per row. */
  private double[][] centroids(double[][] unit, long seed) {
    int k = options.clustersFor(unit.length);
    return SphericalKMeans.fit(unit, new SphericalKMeans.Options(k, MAX_ITERATIONS, seed))
        .centroids();
  }

  /** Each row's {@code 1 - cos} to its nearest centroid, within [0, 2]. */
  static double[] difficulty(double[][] unit, double[][] centroids) {
    return difficulty(NearestNeighbours.search(unit, centroids, 1));
  }

  /** Each row's {@code 1 - cos} to the nearest centroid found, within [0, 2]. */
  private static double[] difficulty(NearestNeighbours.Neighbours nearest) {
    double[] similarity = nearest.similarity();
    double[] d = new double[similarity.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.clamp(1 - similarity[i], 0, 2);
    }
    return d;
  }

  /**
   * Row positions from first kept to last: ascending difficulty for {@link Prefer#EASY}, descending
   * for {@link Prefer#HARD}, ties to the earlier row.
   */
  static int[] ranking(double[] difficulty, Prefer end) {
    if (end == Prefer.AUTO) {
      throw new IllegalArgumentException("rank by easy or hard, after resolving auto");
    }
    int sign = end == Prefer.EASY ? 1 : -1;
    return java.util.stream.IntStream.range(0, difficulty.length)
        .boxed()
        .sorted(
            (a, b) -> {
              int c = sign * Double.compare(difficulty[a], difficulty[b]);
              return c != 0 ? c : Integer.compare(a, b);
            })
        .mapToInt(Integer::intValue)
        .toArray();
  }
}
