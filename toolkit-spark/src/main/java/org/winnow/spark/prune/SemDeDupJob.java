package org.winnow.spark.prune;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.ReduceFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.prune.Selection;
import org.winnow.prune.SemDeDupSelector;

/**
 * SemDeDup over all samples (Abbas et al. 2023, section 3) on Spark, step for step as {@link
 * SemDeDupSelector#select} runs it: the driver fits spherical k-means on the seeded sample of rows
 * that selector picks, the rows are assigned to their nearest centroid where they lie, each cluster
 * goes to one task (a grouped map) that orders it and scans it for duplicates, and the driver keeps
 * every class present, searches ε for a keep fraction (one Spark job per pass over the cached
 * clusters) and numbers the groups. Every step calls the selector's own public step.
 */
final class SemDeDupJob {

  /** Rows assigned to centroids per BLAS product. */
  private static final int ASSIGN_BLOCK = 8192;

  private static final StructType ASSIGNED =
      new StructType()
          .add("cluster", DataTypes.IntegerType, false)
          .add(EmbeddingTable.ROW, DataTypes.LongType, false)
          .add(EmbeddingTable.LABEL, DataTypes.IntegerType, false)
          .add("similarity", DataTypes.DoubleType, false)
          .add(EmbeddingTable.EMBEDDING, DataTypes.createArrayType(DataTypes.FloatType), false);

  private SemDeDupJob() {}

  /**
   * One cluster in scan order.
   *
   * @param cluster the centroid's number
   * @param rows dataset rows
   * @param labels their labels
   * @param vectors their embeddings
   */
  public record ClusterBlock(int cluster, long[] rows, int[] labels, float[][] vectors)
      implements Serializable {}

  /**
   * The kept counts of some clusters at each ε, and which classes kept a row at each.
   *
   * @param kept per ε, rows kept
   * @param classes per ε, the labels with a kept row
   */
  public record Tally(int[] kept, BitSet[] classes) implements Serializable {

    Tally plus(Tally o) {
      int[] k = kept.clone();
      BitSet[] c = new BitSet[classes.length];
      for (int e = 0; e < k.length; e++) {
        k[e] += o.kept[e];
        c[e] = (BitSet) classes[e].clone();
        c[e].or(o.classes[e]);
      }
      return new Tally(k, c);
    }
  }

  /**
   * One cluster's scan at each ε.
   *
   * @param rows the cluster's dataset rows
   * @param representative per ε, each row's representative row
   * @param cosine per ε, each row's cosine to it
   */
  public record Scanned(long[] rows, long[][] representative, float[][] cosine)
      implements Serializable {}

  /**
   * The selections and how many clusters an earlier, killed run had scanned.
   *
   * @param selections one per fraction, or one per ε of the options
   * @param restoredClusters clusters read from the work folder instead of scanned
   */
  record Outcome(List<Selection> selections, int restoredClusters) {}

  /**
   * Selects: one selection per fraction, or one per ε of the options. With {@code --epsilon} each
   * cluster's scan is saved in {@code work} as it ends, and a rerun scans only the others (with
   * {@code --keep} the ε search needs every cluster, so nothing is skipped).
   */
  static Outcome run(
      EmbeddingTable table, SemDeDupSelector selector, List<Double> fractions, Path work)
      throws IOException {
    Progress progress = Progress.NONE;
    boolean byEpsilon = !selector.thresholds().isEmpty();
    WorkFolder folder = folder(work);
    Map<Integer, Path> done = byEpsilon ? folder.finished() : Map.of();
    int[] skip = done.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    String workPath = work.toAbsolutePath().toString();
    EmbeddingTable.Catalogue cat = table.catalogue();
    int n = cat.size();
    String source = cat.source();
    List<String> classNames = cat.classNames();
    SemDeDupSelector.Prefer order = selector.options().order();
    double[][] centroids = selector.centroids(fitVectors(table, selector.fitPositions(n)), n);
    long[] seeds = selector.orderSeeds(centroids.length);
    Dataset<Row> assigned =
        table
            .rows()
            .mapPartitions(
                (MapPartitionsFunction<Row, Row>)
                    rows -> assign(rows, centroids, source, classNames),
                Encoders.row(ASSIGNED));
    Dataset<ClusterBlock> blocks =
        assigned
            .filter((FilterFunction<Row>) r -> Arrays.binarySearch(skip, r.getInt(0)) < 0)
            .groupByKey((MapFunction<Row, Integer>) r -> r.getInt(0), Encoders.INT())
            .mapGroups(
                (MapGroupsFunction<Integer, Row, ClusterBlock>)
                    (cluster, rows) -> block(cluster, rows, order, seeds[cluster]),
                Encoders.javaSerialization(ClusterBlock.class))
            .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      int[][] members = cat.members();
      int present = (int) Arrays.stream(members).filter(m -> m.length > 0).count();
      double[] eps =
          !selector.thresholds().isEmpty()
              ? selector.thresholds().stream().mapToDouble(Double::doubleValue).toArray()
              : SemDeDupSelector.searchEpsilons(
                  n,
                  present,
                  fractions,
                  e -> keptAt(blocks, e, classNames.size(), present),
                  progress);
      int[][] representative = new int[eps.length][n];
      float[][] cosine = new float[eps.length][n];
      List<Scanned> scans;
      if (byEpsilon) {
        blocks
            .map((MapFunction<ClusterBlock, Integer>) b -> save(b, eps, workPath), Encoders.INT())
            .count();
        scans = new ArrayList<>();
        for (Path file : folder.finished().values()) {
          scans.add(load(file));
        }
        long covered = scans.stream().mapToLong(x -> x.rows().length).sum();
        if (covered != n) {
          throw new IOException(
              work
                  + ": the clusters' scans cover "
                  + covered
                  + " of "
                  + n
                  + " rows; the work folder beside --out must be on a filesystem every executor"
                  + " shares");
        }
      } else {
        scans =
            blocks
                .map(
                    (MapFunction<ClusterBlock, Scanned>) b -> scan(b, eps),
                    Encoders.javaSerialization(Scanned.class))
                .collectAsList();
      }
      for (Scanned s : scans) {
        for (int i = 0; i < s.rows().length; i++) {
          int row = (int) s.rows()[i];
          for (int e = 0; e < eps.length; e++) {
            representative[e][row] = (int) s.representative()[e][i];
            cosine[e][row] = s.cosine()[e][i];
          }
        }
      }
      for (int e = 0; e < eps.length; e++) {
        SemDeDupSelector.keepEveryClass(members, representative[e], cosine[e]);
      }
      return new Outcome(selector.selections(fractions, eps, representative, cosine), done.size());
    } finally {
      blocks.unpersist();
    }
  }

  private static WorkFolder folder(Path work) {
    return new WorkFolder(work, "cluster", ".scan");
  }

  /** Scans one cluster and saves the result in the work folder. */
  private static int save(ClusterBlock b, double[] eps, String work) throws IOException {
    WorkFolder folder = folder(Path.of(work));
    folder.failIfAsked(b.cluster());
    Scanned s = scan(b, eps);
    AtomicFiles.write(
        folder.file(b.cluster()),
        out -> {
          ObjectOutputStream o = new ObjectOutputStream(out);
          o.writeObject(s);
          o.flush();
        });
    return b.cluster();
  }

  private static Scanned load(Path file) throws IOException {
    try (ObjectInputStream in =
        new ObjectInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
      return (Scanned) in.readObject();
    } catch (ClassNotFoundException e) {
      throw new IOException(file + ": not a saved cluster scan", e);
    }
  }

  /** The embeddings at {@code positions} (ascending), collected to the driver in that order. */
  private static float[][] fitVectors(EmbeddingTable table, int[] positions) {
    long[] wanted = Arrays.stream(positions).asLongStream().toArray();
    List<Row> rows =
        new ArrayList<>(
            table
                .rows()
                .filter((FilterFunction<Row>) r -> Arrays.binarySearch(wanted, r.getLong(0)) >= 0)
                .collectAsList());
    rows.sort(Comparator.comparingLong(r -> r.getLong(0)));
    float[][] out = new float[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = Vectors.of(rows.get(i), 3);
    }
    return out;
  }

  /** Assigns a partition's rows to centroids, block by block, after checking their embeddings. */
  private static Iterator<Row> assign(
      Iterator<Row> rows, double[][] centroids, String source, List<String> classNames) {
    List<Row> out = new ArrayList<>();
    List<Row> block = new ArrayList<>(ASSIGN_BLOCK);
    while (rows.hasNext()) {
      block.add(rows.next());
      if (block.size() == ASSIGN_BLOCK || !rows.hasNext()) {
        int m = block.size();
        float[][] vectors = new float[m][];
        int[] labels = new int[m];
        List<String> ids = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
          vectors[i] = Vectors.of(block.get(i), 3);
          labels[i] = block.get(i).getInt(1);
          ids.add(block.get(i).getString(2));
        }
        // the checks winnow prune makes on reading: one line naming the id
        new EmbeddingSet(source, ids, labels, classNames, vectors, new TreeMap<>());
        int[] cluster = new int[m];
        double[] similarity = new double[m];
        SemDeDupSelector.assign(vectors, centroids, cluster, similarity);
        for (int i = 0; i < m; i++) {
          Row r = block.get(i);
          out.add(
              RowFactory.create(cluster[i], r.getLong(0), r.getInt(1), similarity[i], vectors[i]));
        }
        block.clear();
      }
    }
    return out.iterator();
  }

  /** One cluster's members in scan order. */
  private static ClusterBlock block(
      int cluster, Iterator<Row> rows, SemDeDupSelector.Prefer prefer, long seed) {
    List<Row> list = new ArrayList<>();
    rows.forEachRemaining(list::add);
    list.sort(Comparator.comparingLong(r -> r.getLong(1)));
    double[] similarity = list.stream().mapToDouble(r -> r.getDouble(3)).toArray();
    int[] order = SemDeDupSelector.scanOrder(similarity, prefer, seed);
    long[] ids = new long[order.length];
    int[] labels = new int[order.length];
    float[][] vectors = new float[order.length][];
    for (int i = 0; i < order.length; i++) {
      Row r = list.get(order[i]);
      ids[i] = r.getLong(1);
      labels[i] = r.getInt(2);
      vectors[i] = Vectors.of(r, 4);
    }
    return new ClusterBlock(cluster, ids, labels, vectors);
  }

  private static Scanned scan(ClusterBlock b, double[] eps) {
    int m = b.rows().length;
    int[][] rep = new int[eps.length][m];
    float[][] cos = new float[eps.length][m];
    int[] identity = java.util.stream.IntStream.range(0, m).toArray();
    SemDeDupSelector.scanCluster(b.vectors(), identity, eps, rep, cos);
    long[][] repRows = new long[eps.length][m];
    for (int e = 0; e < eps.length; e++) {
      for (int i = 0; i < m; i++) {
        repRows[e][i] = b.rows()[rep[e][i]];
      }
    }
    return new Scanned(b.rows(), repRows, cos);
  }

  /** The kept count at each ε over all clusters, classes kept present: one Spark job. */
  private static int[] keptAt(
      Dataset<ClusterBlock> blocks, double[] eps, int classes, int present) {
    Tally total =
        blocks
            .map(
                (MapFunction<ClusterBlock, Tally>) b -> tally(b, eps, classes),
                Encoders.javaSerialization(Tally.class))
            .reduce((ReduceFunction<Tally>) Tally::plus);
    int[] kept = total.kept().clone();
    for (int e = 0; e < kept.length; e++) {
      kept[e] += present - total.classes()[e].cardinality();
    }
    return kept;
  }

  private static Tally tally(ClusterBlock b, double[] eps, int classes) {
    Scanned s = scan(b, eps);
    int[] kept = new int[eps.length];
    BitSet[] present = new BitSet[eps.length];
    for (int e = 0; e < eps.length; e++) {
      present[e] = new BitSet(classes);
      for (int i = 0; i < s.rows().length; i++) {
        if (s.representative()[e][i] == s.rows()[i]) {
          kept[e]++;
          present[e].set(b.labels()[i]);
        }
      }
    }
    return new Tally(kept, present);
  }
}
