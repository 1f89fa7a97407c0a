package org.winnow.spark.prune;

import java.util.List;
import org.apache.spark.sql.Row;

/** Embeddings out of Spark rows. */
final class Vectors {

  private Vectors() {}

  /** The {@code array<float>} at {@code column} as a {@code float[]}. */
  static float[] of(Row row, int column) {
    List<Float> values = row.getList(column);
    float[] v = new float[values.size()];
    for (int j = 0; j < v.length; j++) {
      Float x = values.get(j);
      v[j] = x == null ? Float.NaN : x;
    }
    return v;
  }
}
