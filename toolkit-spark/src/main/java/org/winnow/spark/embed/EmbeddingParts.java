package org.winnow.spark.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.winnow.datasets.AtomicFiles;

/**
 * The parts folder: {@code part-NNNNN.parquet}, one per part, each written under a hidden name and
 * renamed into place when complete, so that a part file that exists is whole and a rerun skips it.
 * Spark reads the folder as one table of {@code id string, label int, class_name string, embedding
 * array<float>}; it ignores hidden names (a killed task's leftovers).
 */
final class EmbeddingParts {

  /** The schema of every part: Spark reads the list as {@code array<float>}. */
  static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("id")
          .required(PrimitiveTypeName.INT32)
          .named("label")
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("class_name")
          .requiredList()
          .requiredElement(PrimitiveTypeName.FLOAT)
          .named("embedding")
          .named("winnow_embeddings");

  private static final Pattern PART = Pattern.compile("part-(\\d{5,})\\.parquet");

  private EmbeddingParts() {}

  /** The file name of part {@code k}. */
  static String name(int k) {
    return String.format(Locale.ROOT, "part-%05d.parquet", k);
  }

  /** The parts already complete in {@code folder}, by number; none when it does not exist. */
  static TreeSet<Integer> complete(Path folder) throws IOException {
    TreeSet<Integer> done = new TreeSet<>();
    if (!Files.isDirectory(folder)) {
      return done;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.toList()) {
        Matcher m = PART.matcher(p.getFileName().toString());
        if (m.matches()) {
          done.add(Integer.parseInt(m.group(1)));
        }
      }
    }
    return done;
  }

  /** Deletes the hidden files killed tasks left in {@code folder}. */
  static void sweepTemporaries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".")).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * Writes part {@code k}: row {@code i} is {@code rows.get(i)} with {@code embeddings[i]}. An
   * existing part (another attempt of the same task finished first) is left as it is.
   */
  static void write(Path folder, int k, List<ImageRow> rows, float[][] embeddings)
      throws IOException {
    Path target = folder.resolve(name(k));
    Path temp = AtomicFiles.tempSibling(target);
    try {
      SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
      try (ParquetWriter<Group> writer =
          ExampleParquetWriter.builder(new LocalOutputFile(temp))
              .withConf(new Configuration(false))
              .withType(SCHEMA)
              .withCompressionCodec(CompressionCodecName.SNAPPY)
              .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
              .build()) {
        for (int i = 0; i < rows.size(); i++) {
          ImageRow r = rows.get(i);
          Group g =
              groups
                  .newGroup()
                  .append("id", r.id())
                  .append("label", r.label())
                  .append("class_name", r.className());
          Group list = g.addGroup("embedding");
          for (float v : embeddings[i]) {
            list.addGroup("list").append("element", v);
          }
          writer.write(g);
        }
      }
      if (!Files.exists(target)) {
        AtomicFiles.commit(temp, target);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
