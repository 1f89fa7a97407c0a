package org.winnow.spark.embed;

import org.apache.spark.sql.SparkSession;

/** The local-mode Spark session of the tests, the killed child and the benchmark. */
final class LocalSpark {

  private LocalSpark() {}

  /** A session on {@code master} (e.g. {@code local[2]}), without UI, bound to the loopback. */
  static SparkSession start(String master, String app) {
    SparkSession spark =
        SparkSession.builder()
            .master(master)
            .appName(app)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    return spark;
  }
}
