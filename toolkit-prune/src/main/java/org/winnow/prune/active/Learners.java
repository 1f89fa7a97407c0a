package org.winnow.prune.active;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.winnow.datasets.AtomicFiles;
import org.winnow.datasets.Progress;
import org.winnow.datasets.embeddings.EmbeddingSet;
import org.winnow.prune.KeepList;

/** The rounds of each simulated learner over one pool ({@link Simulation}). */
final class Learners {

  private final EmbeddingSet data;
  private final Split split;
  private final Simulation.Request request;
  private final double[][] poolUnit;
  private final double[][] testUnit;
  private final int[] testLabels;
  private final PoolDensity density;
  private NeighbourIndex index;

  Learners(EmbeddingSet data, double[][] unit, Split split, Simulation.Request request) {
    this.data = data;
    this.split = split;
    this.request = request;
    this.poolUnit = Arrays.stream(split.pool()).mapToObj(r -> unit[r]).toArray(double[][]::new);
    this.testUnit = Arrays.stream(split.test()).mapToObj(r -> unit[r]).toArray(double[][]::new);
    this.testLabels = Arrays.stream(split.test()).map(r -> data.labels()[r]).toArray();
    this.density = new PoolDensity(poolUnit);
  }

  /** The SEALS neighbour index, built once, when first needed. */
  private NeighbourIndex index() {
    if (index == null) {
      index = request.index().build(poolUnit, Split.seed(request.seed(), 3));
    }
    return index;
  }

  /**
   * Runs one learner's remaining rounds.
   *
   * @param done its rounds restored from an interrupted run, in order
   * @param labelledDir where its keep-lists go
   * @param rowsFile where its rows so far go
   * @return all its rows, the restored ones first
   */
  List<RoundRow> run(
      int trial,
      Strategy strategy,
      PoolMode mode,
      List<RoundRow> done,
      Path labelledDir,
      Path rowsFile,
      Progress progress)
      throws IOException {
    List<RoundRow> rows = new ArrayList<>(done);
    SealsPool seals =
        mode == PoolMode.SEALS ? new SealsPool(index(), poolUnit.length, request.sealsK()) : null;
    int[] labelled = split.initial(trial, request.initial(), request.balanced());
    int[] unsearched = labelled;
    // a restored learner replays its label batches into the SEALS pool, in the order it grew
    for (RoundRow r : done) {
      int[] now = readRound(labelledDir, r.round());
      if (r.round() > 0) {
        if (seals != null) {
          seals.label(unsearched);
        }
        unsearched = minus(now, labelled);
      }
      labelled = now;
    }
    LinearHead head = done.isEmpty() ? null : fit(labelled);
    for (int round = rows.size(); round <= request.rounds(); round++) {
      int scored = 0;
      double selectSeconds = 0;
      if (round > 0) {
        long start = System.nanoTime();
        Acquisition.Batch batch =
            Acquisition.round(
                poolUnit,
                seals,
                unsearched,
                labelled,
                head,
                density,
                new Acquisition.Settings(
                    strategy,
                    request.beta(),
                    request.budget(),
                    Split.seed(request.seed(), 2, trial, round)));
        selectSeconds = (System.nanoTime() - start) / 1e9;
        scored = batch.candidatesScored();
        unsearched = Arrays.stream(batch.rows()).sorted().toArray();
        labelled =
            IntStream.concat(IntStream.of(labelled), IntStream.of(batch.rows())).sorted().toArray();
      }
      long start = System.nanoTime();
      head = fit(labelled);
      double trainSeconds = (System.nanoTime() - start) / 1e9;
      int[] predicted = head.predict(testUnit);
      long right =
          IntStream.range(0, predicted.length).filter(i -> predicted[i] == testLabels[i]).count();
      rows.add(
          new RoundRow(
              strategy.label(),
              mode.label(),
              trial,
              round,
              labelled.length,
              scored,
              right / (double) predicted.length,
              selectSeconds,
              trainSeconds));
      Simulation.writeKeep(
          labelledDir.resolve(roundFile(round)), data, split.datasetRows(labelled));
      AtomicFiles.writeString(rowsFile, RoundRow.csv(rows));
      progress.advance(1);
    }
    return rows;
  }

  private LinearHead fit(int[] labelled) {
    return LinearHead.fit(poolUnit, labelled, split.labels(labelled), split.classes());
  }

  /** The pool rows of a round's keep-list, ascending. */
  private int[] readRound(Path labelledDir, int round) {
    List<String> ids =
        KeepList.read(labelledDir.resolve(roundFile(round))).stream()
            .map(KeepList.Entry::id)
            .toList();
    int[] datasetRows = data.rowsOf(ids, "labelled sample");
    int[] poolRows = new int[datasetRows.length];
    for (int i = 0; i < datasetRows.length; i++) {
      poolRows[i] = Arrays.binarySearch(split.pool(), datasetRows[i]);
    }
    Arrays.sort(poolRows);
    return poolRows;
  }

  /** {@code round-03.csv}. */
  static String roundFile(int round) {
    return String.format(java.util.Locale.ROOT, "round-%02d.csv", round);
  }

  private static int[] minus(int[] all, int[] some) {
    return Arrays.stream(all).filter(r -> Arrays.binarySearch(some, r) < 0).toArray();
  }
}
