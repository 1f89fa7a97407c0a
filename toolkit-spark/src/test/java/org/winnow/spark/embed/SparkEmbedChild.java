package org.winnow.spark.embed;

import org.apache.spark.sql.SparkSession;

/**
 * {@code WinnowSpark embed} in a JVM of its own, in local[2] mode, for the test that kills it with
 * {@code kill -9} part-way through.
 */
public final class SparkEmbedChild {

  private SparkEmbedChild() {}

  /** Runs {@code embed} with {@code args} and exits with its code. */
  public static void main(String[] args) {
    SparkSession spark = LocalSpark.start("local[2]", "SparkEmbedChild");
    int exit = SparkEmbed.run(spark, args);
    spark.stop();
    System.exit(exit);
  }
}
