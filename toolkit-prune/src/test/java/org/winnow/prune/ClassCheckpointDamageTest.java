package org.winnow.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged work folder is never an error and never a wrong result: a request file that is not
 * UTF-8 is another request, and a class file whose representative points outside the set is
 * computed again.
 */
class ClassCheckpointDamageTest {

  @TempDir Path dir;

  private static List<Groups> groups() {
    Groups g = Groups.of(3);
    g.representative()[0] = 2;
    g.representative()[2] = 2;
    g.group()[2] = 1;
    return List.of(g);
  }

  @Test
  void damagedFilesAreComputedAgain() throws IOException {
    Path work = dir.resolve("work");
    ClassCheckpoint saved = ClassCheckpoint.open(work, "request", 1);
    saved.save(0, new int[] {0, 2}, groups());
    Path file = work.resolve("class-0.bin");

    List<Groups> back = List.of(Groups.of(3));
    assertTrue(ClassCheckpoint.open(work, "request", 1).restore(0, new int[] {0, 2}, back));
    assertArrayEquals(new int[] {2, 0, 2}, back.getFirst().representative());

    // the representative of row 0 (after 5 header ints and 2 rows: group, then representative)
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).putInt(4 * 7 + 4, 99);
    Files.write(file, bytes);
    assertFalse(
        ClassCheckpoint.open(work, "request", 1)
            .restore(0, new int[] {0, 2}, List.of(Groups.of(3))));

    Files.write(work.resolve("request.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0});
    ClassCheckpoint fresh = ClassCheckpoint.open(work, "request", 1);
    try (var files = Files.list(work)) {
      assertEquals(List.of(work.resolve("request.txt")), files.toList(), "the old class is gone");
    }
    assertFalse(fresh.restore(0, new int[] {0, 2}, List.of(Groups.of(3))));
  }
}
