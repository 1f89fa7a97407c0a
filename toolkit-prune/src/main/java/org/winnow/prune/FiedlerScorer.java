package org.winnow.prune;

import java.util.Arrays;
import smile.linalg.UPLO;
import smile.tensor.DenseMatrix;
import smile.tensor.EVD;

/**
 * SALN's per-batch selection (Sharifi, <i>Optimizing Data Curation through Spectral Analysis and
 * Joint Batch Selection (SALN)</i>, 2024, sections 3.5-3.6, Algorithm 1): score the samples of a
 * batch by the Fiedler vector of the graph Laplacian of their cosine similarities and keep those
 * with the largest absolute entries.
 *
 * <ol>
 *   <li>{@code S} = cosine similarities of the rows, raw as in Algorithm 1 (negative entries and
 *       the diagonal of ones included; the diagonal cancels in {@code L}).
 *   <li>{@code L = diag(S·1) - S}.
 *   <li>The Fiedler vector: the eigenvector of the second-smallest eigenvalue of {@code L}, from
 *       Smile's symmetric eigensolver (LAPACK, like NumPy's {@code eigh}).
 *   <li>Keep the {@code int(n · (1 - filterRatio))} rows with the largest |entry|.
 * </ol>
 *
 * <p>Edge cases, where Algorithm 1 is silent or ill-defined:
 *
 * <ul>
 *   <li><b>Sign.</b> An eigenvector's sign is arbitrary; |entry| does not see it.
 *   <li><b>Repeated second eigenvalue.</b> Then "the" Fiedler vector is any vector of a subspace
 *       and NumPy's pick depends on LAPACK internals. Here every eigenvalue within {@code 1e-10 ·
 *       max(1, λ_max)} of λ₂ (λ₁ included) counts as part of that subspace, and a row's score is
 *       the length of its row in an orthonormal basis of it: independent of the basis chosen, and
 *       equal to |entry| when λ₂ is simple. {@link Scores#degenerate()} reports it.
 *   <li><b>Ties</b> among scores go to the earlier row; scores equal to 12 decimal places (entries
 *       of a unit eigenvector are at most 1) count as tied, so rounding in LAPACK does not decide
 *       among samples that are equal in exact arithmetic. Results are returned in ascending row
 *       order.
 *   <li><b>Small batches.</b> No batch is too small: 0 rows select nothing, 1 row has no second
 *       eigenvalue and scores 1, 2 rows score equally (the earlier wins a tie).
 *   <li><b>Zero vectors</b> have similarity 0 to everything, themselves included, as in
 *       scikit-learn's {@code cosine_similarity}: an isolated vertex of the graph.
 *   <li><b>A count of 0</b> selects nothing (Algorithm 1's {@code argsort(...)[-0:]} would return
 *       every index).
 * </ul>
 */
public final class FiedlerScorer {

  private static final double DEGENERACY = 1e-10;

  private FiedlerScorer() {}

  /**
   * Scores of a batch.
   *
   * @param score for each row, |Fiedler entry| (the row norm in the λ₂ eigenspace when degenerate)
   * @param eigenvalues the eigenvalues of {@code L}, ascending
   * @param degenerate whether λ₂ is repeated (within tolerance)
   */
  public record Scores(double[] score, double[] eigenvalues, boolean degenerate) {}

  /** Algorithm 1: the rows to keep, {@code int(n · (1 - filterRatio))} of them, ascending. */
  public static int[] select(float[][] batch, double filterRatio) {
    if (!(filterRatio >= 0 && filterRatio <= 1)) {
      throw new IllegalArgumentException("filter ratio must be in [0, 1], got " + filterRatio);
    }
    return select(batch, (int) (batch.length * (1 - filterRatio)));
  }

  /** The {@code count} rows with the largest scores, ascending. */
  public static int[] select(float[][] batch, int count) {
    if (count < 0 || count > batch.length) {
      throw new IllegalArgumentException(
          "cannot select " + count + " of a batch of " + batch.length);
    }
    int[] top = Arrays.copyOf(ranking(score(batch).score()), count);
    Arrays.sort(top);
    return top;
  }

  /** Scores every row of a batch. */
  public static Scores score(float[][] batch) {
    int[] all = new int[batch.length];
    Arrays.setAll(all, i -> i);
    return score(Cosine.unitRows(batch, all));
  }

  /** Scores unit rows (zero rows allowed). */
  static Scores score(double[][] unit) {
    int n = unit.length;
    if (n <= 1) {
      double[] one = new double[n];
      Arrays.fill(one, 1);
      return new Scores(one, new double[n], false);
    }
    double[][] s = Cosine.similarity(unit);
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      double degree = 0;
      for (int j = 0; j < n; j++) {
        degree += s[i][j];
        l[i][j] = -s[i][j];
      }
      l[i][i] += degree;
    }
    EVD evd = DenseMatrix.of(l).withUplo(UPLO.LOWER).eigen(false, true);
    double[] values = new double[n];
    Integer[] order = new Integer[n];
    for (int j = 0; j < n; j++) {
      values[j] = evd.wr().get(j);
      order[j] = j;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] sorted = new double[n];
    for (int j = 0; j < n; j++) {
      sorted[j] = values[order[j]];
    }
    double tol = DEGENERACY * Math.max(1, Math.abs(sorted[n - 1]));
    DenseMatrix v = evd.Vr();
    double[] score = new double[n];
    int used = 0;
    for (int j = 0; j < n; j++) {
      if (Math.abs(sorted[j] - sorted[1]) <= tol) {
        used++;
        int col = order[j];
        for (int i = 0; i < n; i++) {
          double x = v.get(i, col);
          score[i] += x * x;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      score[i] = Math.sqrt(score[i]);
    }
    return new Scores(score, sorted, used > 1);
  }

  /** Row indices by descending score (to 12 decimal places), ties to the earlier row. */
  static int[] ranking(double[] score) {
    Integer[] order = new Integer[score.length];
    long[] rounded = new long[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      rounded[i] = Math.round(score[i] * 1e12);
    }
    Arrays.sort(order, (a, b) -> Long.compare(rounded[b], rounded[a]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }
}
