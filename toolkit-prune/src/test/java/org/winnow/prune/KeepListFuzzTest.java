package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.datasets.DatasetException;
import org.winnow.datasets.synthetic.Corruptions;

/**
 * {@code keep.csv} and {@code groups.csv}, fed a few hundred seeded corruptions each, are read or
 * refused with one {@link DatasetException} line; no other exception escapes.
 */
class KeepListFuzzTest {

  @TempDir Path dir;

  private static void fuzz(Path file, String valid, long seed, Corruptions.Reader reader)
      throws IOException {
    Corruptions.Outcome o =
        Corruptions.check(file, valid.getBytes(), 300, seed, DatasetException.class, reader);
    assertEquals(List.of(), o.escaped());
    assertTrue(o.refused() > 0);
  }

  @Test
  void keepLists() throws IOException {
    StringBuilder keep = new StringBuilder("id,label,class_name,path\n");
    for (int i = 0; i < 20; i++) {
      keep.append("train/c").append(i % 3).append("/").append(i).append(".png,");
      keep.append(i % 3).append(",\"c, ").append(i % 3).append("\",/data/").append(i).append('\n');
    }
    fuzz(dir.resolve("keep.csv"), keep.toString(), 61, f -> KeepList.read(f));
  }

  @Test
  void groupFiles() throws IOException {
    StringBuilder groups =
        new StringBuilder("id,label,group,representative_id,dissimilarity,kept\n");
    for (int i = 0; i < 20; i++) {
      groups.append("s").append(i).append(',').append(i % 3).append(',').append(i / 6);
      groups.append(",s").append(i - i % 6).append(",0.0").append(i).append(',');
      groups.append(i % 6 == 0).append('\n');
    }
    fuzz(dir.resolve("groups.csv"), groups.toString(), 62, f -> KeepList.readGroups(f));
  }
}
