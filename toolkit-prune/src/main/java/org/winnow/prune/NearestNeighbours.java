package org.winnow.prune;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import smile.linalg.Transpose;
import smile.tensor.DenseMatrix;
import smile.tensor.ScalarType;

/**
 * Exact cosine k-nearest-neighbour search over unit embeddings: for each query row, the {@code k}
 * base rows with the highest dot product (the cosine similarity of unit rows), as scikit-learn's
 * {@code NearestNeighbors(metric='cosine', algorithm='brute')} finds them.
 *
 * <p>The similarities come from BLAS ({@code dgemm} through Smile's {@link DenseMatrix}, in double
 * precision like {@link Cosine}), one block of {@value #QUERY_BLOCK} queries against one block of
 * up to {@value #BASE_BLOCK} base rows at a time. Memory beyond the inputs is therefore a
 * column-major copy of the base and one product block (at most {@code 512 × 8192} doubles, 32 MiB),
 * never {@code queries × base}. Each query's running top {@code k} is kept in place while the
 * blocks stream by, and a product block is scanned in parallel over tiles of queries, column after
 * column, so that memory is read in order.
 *
 * <p>Ties go to the lower base row: base rows are offered in ascending order and a row displaces a
 * kept one only when strictly more similar. The result is a function of the inputs alone, for a
 * given BLAS library: OpenBLAS rounds a dot product differently in the last bit depending on the
 * shape of the product it lands in (small products take another kernel), so the block sizes are
 * fixed. A base of up to {@value #BASE_BLOCK} rows (the per-class case of CIFAR, MNIST and
 * ImageNet) is one product, the very product the selection code computed before this class existed,
 * so their groups did not change.
 *
 * <p>Rows must be finite; they need not be exactly unit length, but then the score is the plain dot
 * product, not the cosine. Use {@link #searchWithin} for neighbours inside one set (SemDeDup's
 * duplicates within a cluster, SEALS's candidates of a labelled subset): it leaves each query's own
 * row out.
 */
public final class NearestNeighbours {

  /** Queries per matrix product: {@link Cosine}'s block, where BLAS runs near its peak. */
  static final int QUERY_BLOCK = Cosine.BLOCK;

  /** Base rows per matrix product: a whole class of every common dataset. */
  static final int BASE_BLOCK = 8192;

  /** Queries per parallel task when a product block is scanned. */
  private static final int TILE = 64;

  private NearestNeighbours() {}

  /**
   * Every row of {@code vectors} scaled to unit length in double precision (zero rows stay zero):
   * the rows this search and the other cosine code take.
   */
  public static double[][] unitRows(float[][] vectors) {
    return Cosine.unitRows(vectors, SemanticSelector.identity(vectors.length));
  }

  /**
   * The neighbours of every query, most similar first.
   *
   * @param k neighbours per query
   * @param index for query {@code q}, its {@code r}-th nearest base row at {@code q · k + r}
   * @param similarity the dot product of each with its query, at the same position; non-increasing
   *     for each query
   */
  public record Neighbours(int k, int[] index, double[] similarity) {

    /** Checks the shape. */
    public Neighbours {
      Objects.requireNonNull(index, "index");
      Objects.requireNonNull(similarity, "similarity");
      if (k < 1 || index.length != similarity.length || index.length % k != 0) {
        throw new IllegalArgumentException(
            "need k >= 1 and index and similarity of one length, a multiple of k");
      }
    }

    /** The number of queries. */
    public int queries() {
      return index.length / k;
    }

    /** The base row of the {@code rank}-th nearest neighbour of {@code query} (rank 0: nearest). */
    public int index(int query, int rank) {
      return index[position(query, rank)];
    }

    /** Its similarity to the query. */
    public double similarity(int query, int rank) {
      return similarity[position(query, rank)];
    }

    private int position(int query, int rank) {
      Objects.checkIndex(rank, k);
      return Math.multiplyExact(Objects.checkIndex(query, queries()), k) + rank;
    }
  }

  /**
   * The {@code k} base rows most similar to each query.
   *
   * @param queries unit rows
   * @param base unit rows of the same dimension
   * @param k neighbours per query, at least 1 and at most {@code base.length}
   * @throws IllegalArgumentException with one line when k is out of range or the rows' dimensions
   *     differ
   */
  public static Neighbours search(double[][] queries, double[][] base, int k) {
    return search(queries, base, k, null, QUERY_BLOCK, BASE_BLOCK);
  }

  /**
   * The {@code k} rows of {@code unit} most similar to each of the rows {@code queryRows}, each
   * query's own row excluded.
   *
   * @param unit unit rows, both the base and where the queries come from
   * @param queryRows the query rows, positions in {@code unit} (any order, repeats allowed)
   * @param k neighbours per query, at least 1 and at most {@code unit.length - 1}
   * @throws IllegalArgumentException with one line when k or a query row is out of range, or the
   *     rows' dimensions differ
   */
  public static Neighbours searchWithin(double[][] unit, int[] queryRows, int k) {
    double[][] queries = new double[queryRows.length][];
    for (int q = 0; q < queryRows.length; q++) {
      if (queryRows[q] < 0 || queryRows[q] >= unit.length) {
        throw new IllegalArgumentException(
            "query row " + queryRows[q] + " is not a row of the " + unit.length + " given");
      }
      queries[q] = unit[queryRows[q]];
    }
    if (k > unit.length - 1) {
      throw new IllegalArgumentException(
          "k = "
              + k
              + " neighbours asked, but each query has only "
              + (unit.length - 1)
              + " other rows");
    }
    return search(queries, unit, k, queryRows, QUERY_BLOCK, BASE_BLOCK);
  }

  /**
   * The search with explicit block sizes (tests use small ones to cross block boundaries).
   *
   * @param self for each query the base row it must not be matched with; null for none
   */
  static Neighbours search(
      double[][] queries, double[][] base, int k, int[] self, int queryBlock, int baseBlock) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, not " + k);
    }
    if (k > base.length) {
      throw new IllegalArgumentException(
          "k = " + k + " neighbours asked of a base of " + base.length + " rows");
    }
    int dim = base[0].length;
    checkDimension(base, dim, "base");
    checkDimension(queries, dim, "query");
    int n = queries.length;
    if ((long) n * k > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          n + " queries × k = " + k + " neighbours do not fit one result; search in parts");
    }
    TopK top = new TopK(n, k);
    if (n == 0) {
      return top.result();
    }
    int blocks = Math.ceilDiv(base.length, baseBlock);
    DenseMatrix[] baseRows = new DenseMatrix[blocks];
    for (int b = 0; b < blocks; b++) {
      baseRows[b] =
          DenseMatrix.of(
              Arrays.copyOfRange(base, b * baseBlock, Math.min(base.length, (b + 1) * baseBlock)));
    }
    DenseMatrix product =
        DenseMatrix.zeros(
            ScalarType.Float64, Math.min(n, queryBlock), Math.min(base.length, baseBlock));
    for (int qa = 0; qa < n; qa += queryBlock) {
      int qb = Math.min(n, qa + queryBlock);
      DenseMatrix q = DenseMatrix.of(Arrays.copyOfRange(queries, qa, qb));
      for (int b = 0; b < blocks; b++) {
        int first = b * baseBlock;
        DenseMatrix r = baseRows[b];
        DenseMatrix c = product.submatrix(0, 0, qb - qa, r.nrow());
        DenseMatrix.mm(1, Transpose.NO_TRANSPOSE, q, Transpose.TRANSPOSE, r, 0, c);
        double[] values = Cosine.doubles(c.memory());
        int ld = c.ld();
        int columns = r.nrow();
        int queryStart = qa;
        IntStream.range(0, Math.ceilDiv(qb - qa, TILE))
            .parallel()
            .forEach(
                t -> {
                  int i0 = t * TILE;
                  int i1 = Math.min(qb - queryStart, i0 + TILE);
                  for (int j = 0; j < columns; j++) {
                    int row = first + j;
                    int col = j * ld;
                    for (int i = i0; i < i1; i++) {
                      int query = queryStart + i;
                      if (self == null || self[query] != row) {
                        top.offer(query, row, values[col + i]);
                      }
                    }
                  }
                });
      }
    }
    return top.result();
  }

  private static void checkDimension(double[][] rows, int dim, String what) {
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != dim) {
        throw new IllegalArgumentException(
            what + " row " + i + " has " + rows[i].length + " dimensions, the base " + dim);
      }
    }
  }

  /** Each query's best {@code k} so far, sorted by similarity, then row; queries never shared. */
  private static final class TopK {
    private final int k;
    private final int[] index;
    private final double[] similarity;
    private final int[] filled;

    TopK(int queries, int k) {
      this.k = k;
      this.index = new int[queries * k];
      this.similarity = new double[queries * k];
      this.filled = new int[queries];
    }

    /** Offers base row {@code row}; rows must come in ascending order for each query. */
    void offer(int query, int row, double s) {
      int from = query * k;
      int pos;
      if (filled[query] < k) {
        pos = from + filled[query]++;
      } else if (s > similarity[from + k - 1]) {
        pos = from + k - 1;
      } else {
        return;
      }
      while (pos > from && s > similarity[pos - 1]) {
        similarity[pos] = similarity[pos - 1];
        index[pos] = index[pos - 1];
        pos--;
      }
      similarity[pos] = s;
      index[pos] = row;
    }

    Neighbours result() {
      return new Neighbours(k, index, similarity);
    }
  }
}
