package org.winnow.spark.prune;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.winnow.datasets.AtomicFiles;

/**
 * Writes embeddings as Parquet parts {@code part-00000.parquet, ...} of consecutive rows, the
 * layout {@code WinnowSpark embed} writes, unchecked so that tests can write bad data too.
 */
final class ParquetParts {

  static final StructType SCHEMA =
      new StructType()
          .add("id", DataTypes.StringType)
          .add("label", DataTypes.IntegerType)
          .add("class_name", DataTypes.StringType)
          .add("embedding", DataTypes.createArrayType(DataTypes.FloatType));

  private ParquetParts() {}

  /** Writes rows {@code 0 .. ids.size()-1} into {@code parts} files in {@code folder}. */
  static void write(
      SparkSession spark,
      Path folder,
      List<String> ids,
      int[] labels,
      List<String> classNames,
      float[][] vectors,
      int parts)
      throws IOException {
    Files.createDirectories(folder);
    int n = ids.size();
    int per = (n + parts - 1) / parts;
    for (int p = 0; p < parts; p++) {
      List<Row> rows = new ArrayList<>();
      for (int i = p * per; i < Math.min(n, (p + 1) * per); i++) {
        rows.add(RowFactory.create(ids.get(i), labels[i], classNames.get(labels[i]), vectors[i]));
      }
      Path tmp = AtomicFiles.tempSibling(folder.resolve("part-" + p));
      try {
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().parquet(tmp.toUri().toString());
        try (Stream<Path> files = Files.list(tmp)) {
          Path part =
              files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
          Files.move(part, folder.resolve(String.format("part-%05d.parquet", p)));
        }
      } finally {
        AtomicFiles.deleteTree(tmp);
      }
    }
  }
}
